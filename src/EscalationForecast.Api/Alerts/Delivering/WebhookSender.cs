using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>What one webhook call came to: a 2xx, or why not (a status code or the failure's type, never a message).</summary>
public sealed record WebhookOutcome(bool Delivered, string? Error);

/// <summary>
/// POSTs a signed alert body, with two signatures a receiver may check. <c>X-Signature-256: sha256=&lt;hex
/// HMAC-SHA256 of the raw body with the rule's secret&gt;</c> (and <c>X-Alert-Id</c>), and the Standard Webhooks
/// headers: <c>webhook-id</c> (the alert id, the same on every attempt, so a receiver drops repeats by it),
/// <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// "{id}.{timestamp}.{body}"&gt;</c>, which binds the time to the body so a receiver can refuse an old delivery
/// replayed to it. Redirects are not followed and count as failures, as does anything not 2xx or slower than
/// <c>Alerting:TimeoutSeconds</c>; connections go through the <see cref="OutboundGuard"/>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "alert-webhooks";
    public const string SignatureHeader = "X-Signature-256";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The Standard Webhooks signature: <c>v1,</c> + base64(HMAC-SHA256(UTF-8 secret, "{id}.{timestamp}.{body}")).</summary>
    public static string SignStandard(string secret, string id, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content, prefix.Length);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));
    }

    public async Task<WebhookOutcome> SendAsync(string url, string secret, string body, string alertId, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(secret, bytes));
        request.Headers.Add("X-Alert-Id", alertId);
        request.Headers.Add("webhook-id", alertId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", SignStandard(secret, alertId, timestamp, bytes));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode
                ? new WebhookOutcome(true, null)
                : new WebhookOutcome(false, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebhookOutcome(false, Describe(e));
        }
    }

    /// <summary>The failure's kind, never its message (which could carry the URL).</summary>
    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        { InnerException: OutboundRefused } => "refused: the host resolves to an internal address not in Alerting:AllowedWebhookHosts",
        HttpRequestException http => $"{nameof(HttpRequestException)} ({http.HttpRequestError})",
        _ => e.GetType().Name,
    };
}
