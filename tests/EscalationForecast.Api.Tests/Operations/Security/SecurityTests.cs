using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alba;
using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Operations.Security;

public sealed class KeyedServiceFixture : ServiceFixture
{
    public const string Reader = "reader-key-0123456789";
    public const string Writer = "writer-key-0123456789";
    public const string Admin = "admin-key-0123456789";
    public const string Operator = "operator-key-0123456789";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Security:ApiKeys:0:key"] = Reader;
        settings["Security:ApiKeys:0:scopes:0"] = "read";
        settings["Security:ApiKeys:1:key"] = Writer;
        settings["Security:ApiKeys:1:scopes:0"] = "read";
        settings["Security:ApiKeys:1:scopes:1"] = "write";
        settings["Security:ApiKeys:2:key"] = Admin;
        settings["Security:ApiKeys:2:scopes:0"] = "admin";
        settings["Security:ApiKeys:3:key"] = Operator;
        settings["Security:ApiKeys:3:scopes:0"] = "read";
        settings["Security:ApiKeys:3:scopes:1"] = "admin";
    }
}

public sealed class SecurityTests(KeyedServiceFixture service) : IClassFixture<KeyedServiceFixture>
{
    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, Action<HttpRequestHeaders>? headers = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        headers?.Invoke(request.Headers);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await service.Host.Server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null, response);
    }

    private static Action<HttpRequestHeaders> Key(string key) => h => h.Add("X-Api-Key", key);

    [Fact]
    public async Task A_write_without_a_key_is_401_and_a_read_key_cannot_write()
    {
        var theater = ServiceFixture.NewTheater("keys");
        object[] batch = [Incident($"{theater}-1", theater, "2020-12-20")];

        var anonymous = await SendAsync(HttpMethod.Post, "/api/v1/events", body: batch);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("application/problem+json", anonymous.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", anonymous.Body!["detail"]!.GetValue<string>());

        var wrong = await SendAsync(HttpMethod.Post, "/api/v1/events", Key("not-a-key"), batch);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);

        var reader = await SendAsync(HttpMethod.Post, "/api/v1/events", Key(KeyedServiceFixture.Reader), batch);
        Assert.Equal(HttpStatusCode.Forbidden, reader.Status);
        Assert.Equal("application/problem+json", reader.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'write'", reader.Body!["detail"]!.GetValue<string>());
        Assert.DoesNotContain(KeyedServiceFixture.Reader, reader.Body.ToJsonString());

        var writer = await SendAsync(HttpMethod.Post, "/api/v1/events", Key(KeyedServiceFixture.Writer), batch);
        Assert.Equal(HttpStatusCode.OK, writer.Status);
        var bearer = await SendAsync(HttpMethod.Post, "/api/v1/events",
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", KeyedServiceFixture.Writer), batch);
        Assert.Equal(HttpStatusCode.OK, bearer.Status);
    }

    [Fact]
    public async Task Reads_need_the_read_scope_and_admin_needs_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/theaters")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/theaters", Key(KeyedServiceFixture.Reader))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/v1/theaters", Key(KeyedServiceFixture.Admin))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/v1/admin/replay", Key(KeyedServiceFixture.Writer))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/admin/replay", Key(KeyedServiceFixture.Admin))).Status);
    }

    [Fact]
    public async Task A_webhook_url_is_whole_only_for_the_admin_scope()
    {
        const string url = "https://hooks.slack.example/services/T0001/B0001/SECRET-TOKEN";
        var theater = ServiceFixture.NewTheater("hooks");
        var created = await SendAsync(HttpMethod.Post, "/api/v1/alert-rules", Key(KeyedServiceFixture.Writer),
            new { theaterId = theater, metric = "score", threshold = 80, webhookUrl = url, secret = "0123456789abcdef" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body!["id"]!.GetValue<string>();

        var reader = await SendAsync(HttpMethod.Get, $"/api/v1/alert-rules?theaterId={theater}", Key(KeyedServiceFixture.Reader));
        Assert.Equal("https://hooks.slack.example/…", reader.Body!["items"]![0]!["webhookUrl"]!.GetValue<string>());
        Assert.DoesNotContain("SECRET-TOKEN", (await SendAsync(HttpMethod.Get, $"/api/v1/alert-rules/{id}", Key(KeyedServiceFixture.Reader))).Body!.ToJsonString());
        var admin = await SendAsync(HttpMethod.Get, $"/api/v1/alert-rules/{id}", Key(KeyedServiceFixture.Operator));
        Assert.Equal(url, admin.Body!["webhookUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_for_a_key_holder_is_never_publicly_cacheable()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("private"), new DateOnly(2021, 1, 1), 60);
        var posted = await SendAsync(HttpMethod.Post, "/api/v1/events", Key(KeyedServiceFixture.Writer), theater.Events().ToArray());
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        // The live answer, which is public (for one poll interval) where no keys are configured.
        var risk = await Eventually.UntilAsync(() => SendAsync(HttpMethod.Get, $"/api/v1/theaters/{theater.TheaterId}/risk", Key(KeyedServiceFixture.Reader)),
            r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the theater's live risk");
        var cache = risk.Response.Headers.CacheControl!;
        Assert.True(cache.Private, cache.ToString());
        Assert.False(cache.Public, cache.ToString());
    }

    [Fact]
    public async Task Probes_metrics_and_documentation_stay_open()
    {
        foreach (var url in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json", "/api-reference/" })
        {
            var (status, _, _) = await SendAsync(HttpMethod.Get, url);
            Assert.True(status == HttpStatusCode.OK, $"{url} answered {(int)status}");
        }
    }
}

/// <summary>No keys configured: reads are open, writes and admin only from loopback.</summary>
public sealed class OpenServiceSecurityTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Without_keys_a_write_from_another_address_is_403_and_from_loopback_is_accepted()
    {
        var theater = ServiceFixture.NewTheater("open");
        await service.Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.Post.Json(new[] { Incident($"{theater}-1", theater, "2020-12-20") }).ToUrl("/api/v1/events");
            s.StatusCodeShouldBe(403);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await service.Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.Get.Url("/api/v1/theaters");
            s.StatusCodeShouldBeOk();
        });
        await service.Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.IPv6Loopback);
            s.Post.Json(new[] { Incident($"{theater}-1", theater, "2020-12-20") }).ToUrl("/api/v1/events");
            s.StatusCodeShouldBeOk();
        });
    }
}

/// <summary>Keys configured with <c>Security:AnonymousRead</c>: reads without a key, writes with one.</summary>
public sealed class AnonymousReadFixture : ServiceFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Security:ApiKeys:0:key"] = KeyedServiceFixture.Writer;
        settings["Security:ApiKeys:0:scopes:0"] = "read";
        settings["Security:ApiKeys:0:scopes:1"] = "write";
        settings["Security:AnonymousRead"] = "true";
    }
}

public sealed class AnonymousReadTests(AnonymousReadFixture service) : IClassFixture<AnonymousReadFixture>
{
    [Fact]
    public async Task Reads_need_no_key_but_writes_and_admin_do_and_a_wrong_key_is_still_refused()
    {
        var client = service.Host.Server.CreateClient();
        using (var read = await client.GetAsync("/api/v1/theaters", TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var admin = await client.GetAsync("/api/v1/admin/replay", TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        var theater = ServiceFixture.NewTheater("anon");
        using (var write = await client.PostAsync("/api/v1/events", JsonContent.Create(new[] { Incident($"{theater}-1", theater, "2020-12-20") }), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/theaters");
        wrong.Headers.Add("X-Api-Key", "not-a-key");
        using (var refused = await client.SendAsync(wrong, TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(new[] { Incident($"{theater}-1", theater, "2020-12-20") }) };
        keyed.Headers.Add("X-Api-Key", KeyedServiceFixture.Writer);
        using (var written = await client.SendAsync(keyed, TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.OK, written.StatusCode);
    }
}

/// <summary>A refusal is problem+json even for a request that accepts only an event stream (the alert feed).</summary>
public sealed class StreamRefusalTests(KeyedServiceFixture service) : IClassFixture<KeyedServiceFixture>
{
    [Fact]
    public async Task The_alert_stream_without_a_key_is_a_401_problem_not_a_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await service.Host.Server.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
