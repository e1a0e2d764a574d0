using System.Text;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Operations.Security;

/// <summary>The embedded default: no keys, loopback writes; a web page elsewhere can neither write nor rebind a name to us.</summary>
public sealed class CrossSiteTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static byte[] Batch(string theater) =>
        Encoding.UTF8.GetBytes($$"""[{"id": "{{theater}}-1", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20"}]""");

    [Fact]
    public async Task A_write_from_another_site_is_refused_whatever_its_content_type()
    {
        var theater = ServiceFixture.NewTheater("csrf");
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "text/plain", ("Origin", "https://evil.example")))
            .IsProblem(403, "evil.example", "Security:AllowedOrigins");
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "application/json", ("Origin", "https://evil.example")))
            .IsProblem(403);
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/admin/replay", [], "application/json", ("Origin", "https://evil.example")))
            .IsProblem(403);
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "application/json", ("Origin", "null")))
            .IsProblem(403);
        Assert.Empty(await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}"));
    }

    [Fact]
    public async Task A_write_must_be_json()
    {
        var theater = ServiceFixture.NewTheater("media");
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "text/plain")).IsProblem(415, "application/json", "text/plain");
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "application/x-www-form-urlencoded")).IsProblem(415);
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/admin/replay")).IsProblem(415, "none was sent");
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "application/json; charset=latin1")).IsProblem(415);
        Assert.Empty(await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}"));

        // The service's own origin, as the dashboard sends it, writes.
        var own = await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", Batch(theater), "application/json; charset=utf-8", ("Origin", "http://localhost"));
        Assert.Equal(200, own.Status);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:5080")]
    [InlineData("localhost.evil.example")]
    public async Task A_host_name_that_is_not_this_machine_is_refused(string host)
    {
        (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", host))).IsProblem(400, "AllowedHosts");
        Assert.Equal(200, (await service.Host.GetRawAsync("/health/live", ("Host", host))).Status); // probes name no host
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task Loopback_names_are_answered(string host) =>
        Assert.Equal(200, (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", host))).Status);
}

/// <summary>A deployment that names its hosts and the one other origin its dashboard is served from.</summary>
public sealed class ConfiguredOriginsFixture : ServiceFixture
{
    public const string Dashboard = "https://dashboard.example";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["AllowedHosts"] = "api.example;*.api.example";
        settings["Security:AllowedOrigins:0"] = Dashboard;
    }
}

public sealed class ConfiguredOriginsTests(ConfiguredOriginsFixture service) : IClassFixture<ConfiguredOriginsFixture>
{
    [Fact]
    public async Task Only_the_configured_hosts_and_the_node_itself_are_answered()
    {
        Assert.Equal(200, (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", "api.example"))).Status);
        Assert.Equal(200, (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", "eu.api.example"))).Status);
        Assert.Equal(200, (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", "localhost"))).Status); // a node always answers to its own names
        (await service.Host.GetRawAsync("/api/v1/theaters", ("Host", "rebound.attacker.example"))).IsProblem(400, "api.example");
    }

    [Fact]
    public async Task An_allowed_origin_gets_cors_and_may_write()
    {
        var preflight = await service.Host.SendRawAsync(HttpMethod.Options, "/api/v1/events", null, null, ("Host", "api.example"),
            ("Origin", ConfiguredOriginsFixture.Dashboard), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type,x-api-key"));
        Assert.Equal(ConfiguredOriginsFixture.Dashboard, preflight.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var theater = ServiceFixture.NewTheater("cors");
        var body = Encoding.UTF8.GetBytes($$"""{"id": "{{theater}}-1", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20"}""");
        var write = await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", body, "application/json",
            ("Host", "api.example"), ("Origin", ConfiguredOriginsFixture.Dashboard));
        Assert.Equal(200, write.Status);
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", body, "application/json",
            ("Host", "api.example"), ("Origin", "https://other.example"))).IsProblem(403);
    }
}
