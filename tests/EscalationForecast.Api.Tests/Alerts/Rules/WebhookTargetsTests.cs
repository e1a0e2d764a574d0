using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Alerts.Evaluating;
using EscalationForecast.Api.Alerts.Rules;

namespace EscalationForecast.Api.Tests.Alerts.Rules;

/// <summary>The pure parts: where webhooks may point, the hysteresis band, the back-off.</summary>
public sealed class WebhookTargetsTests
{
    private static readonly Uri[] Listening = [new("http://127.0.0.1:5080"), new("http://0.0.0.0:8080")];

    [Theory]
    [InlineData("http://127.0.0.1:5080/hook")]
    [InlineData("http://localhost:5080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://localhost:8080/x")]
    [InlineData("https://api.example.com/hook")] // the authority the client reached us by
    public void The_service_itself_is_refused(string url) =>
        Assert.Contains("this service itself", WebhookTargets.Check(url, [], Listening, "api.example.com"));

    [Theory]
    [InlineData("http://93.184.215.14:9000/hook")]
    [InlineData("https://hooks.example.org/alerts?team=ops")]
    public void Other_public_receivers_are_accepted_without_an_allow_list(string url) =>
        Assert.Null(WebhookTargets.Check(url, [], Listening, "api.example.com"));

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://localhost.:9000/hook")]
    [InlineData("http://a.localhost:9000/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:9000/hook")]
    [InlineData("http://2130706433:9000/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://[fd00::7]/hook")]
    public void Internal_addresses_are_refused_unless_the_allow_list_names_them(string url)
    {
        Assert.Contains("an internal address", WebhookTargets.Check(url, [], Listening, "api.example.com"));
        var host = new Uri(url).IdnHost;
        Assert.Null(WebhookTargets.Check(url, [host], Listening, "api.example.com"));
    }

    [Theory]
    [InlineData("https://hooks.example.org/a", null)]
    [InlineData("https://eu.alerts.example.net/a", null)]
    [InlineData("https://example.net/a", "not in Alerting:AllowedWebhookHosts")]
    [InlineData("https://evil.example/a", "not in Alerting:AllowedWebhookHosts")]
    [InlineData("file:///etc/passwd", "http:// or https://")]
    [InlineData("https://user:pw@hooks.example.org/a", "credentials")]
    public void An_allow_list_admits_only_its_hosts(string url, string? problem)
    {
        var error = WebhookTargets.Check(url, ["hooks.example.org", "*.example.net"], Listening, null);
        if (problem is null) Assert.Null(error); else Assert.Contains(problem, error);
    }

    [Fact]
    public void A_value_wobbling_inside_the_band_raises_one_breach_and_one_clearance()
    {
        double[] values = [0.5, 0.81, 0.79, 0.8, 0.73, 0.85, 0.71, 0.79, 0.69, 0.75, 0.79];
        var breached = false;
        var transitions = new List<string>();
        foreach (var v in values)
        {
            if (Hysteresis.Decide(breached, v, threshold: 0.8, clearBelow: 0.7) is { } kind)
            {
                transitions.Add(kind);
                breached = kind == "breached";
            }
        }
        Assert.Equal(["breached", "cleared"], transitions);
    }

    [Fact]
    public void Back_off_doubles_with_jitter_within_half_to_all_of_the_nominal_delay_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Delay(1, 2, 600, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), Backoff.Delay(1, 2, 600, 1));
        Assert.Equal(TimeSpan.FromSeconds(12), Backoff.Delay(4, 2, 600, 0.5)); // nominal 16 s
        Assert.Equal(TimeSpan.FromSeconds(600), Backoff.Delay(40, 2, 600, 1));
    }

    [Fact]
    public void The_standard_webhooks_signature_is_base64_hmac_sha256_of_id_timestamp_and_body()
    {
        // Keyed with the UTF-8 bytes of the rule's secret, as our spec fixes it (Standard Webhooks' own examples key
        // with base64-decoded whsec_ bytes), so the expectation is computed from the definition here.
        const string secret = "a-rule-secret-0123456789";
        var body = """{"alertId":"alert-1"}"""u8.ToArray();
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes("""alert-1.1700000000.{"alertId":"alert-1"}""")));
        Assert.Equal(expected, WebhookSender.SignStandard(secret, "alert-1", 1700000000, body));
        Assert.NotEqual(expected, WebhookSender.SignStandard(secret, "alert-1", 1700000001, body)); // the time is signed
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_raw_body() =>
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSender.Sign("Jefe", "what do ya want for nothing?"u8.ToArray()));
}
