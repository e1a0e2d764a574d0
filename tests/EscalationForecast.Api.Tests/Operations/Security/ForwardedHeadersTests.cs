using System.Net;
using Alba;
using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Operations.Security;

/// <summary>No keys, a per-address limit, and one known proxy (10.0.0.5) as in the compose stack.</summary>
public sealed class ProxiedServiceFixture : ServiceFixture
{
    public const string Proxy = "10.0.0.5";
    public const int PerAddress = 3;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        settings["RateLimiting:PerAddressPerMinute"] = PerAddress.ToString();
    }
}

/// <summary>
/// Forwarded headers count only from a known proxy, and never make a client local: the keyless write rule is
/// decided from the connection. Each test uses addresses of its own, so the per-address windows do not mix.
/// </summary>
public sealed class ForwardedHeadersTests(ProxiedServiceFixture service) : IClassFixture<ProxiedServiceFixture>
{
    private Task<IScenarioResult> SendAsync(string peer, string? forwardedFor, bool write, int status) => service.Host.Scenario(s =>
    {
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(peer));
        if (forwardedFor is not null) s.WithRequestHeader("X-Forwarded-For", forwardedFor);
        if (write)
        {
            var theater = ServiceFixture.NewTheater("fwd");
            s.Post.Json(new[] { Incident($"{theater}-1", theater, "2020-12-20") }).ToUrl("/api/v1/events");
        }
        else
        {
            s.Get.Url("/api/v1/theaters");
        }
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_client_claiming_loopback_is_not_local_directly_or_through_the_proxy()
    {
        await SendAsync("198.51.100.20", "127.0.0.1", write: true, 403);
        await SendAsync(ProxiedServiceFixture.Proxy, "127.0.0.1, 198.51.100.21", write: true, 403); // nginx appends the real peer
        await SendAsync(ProxiedServiceFixture.Proxy, "127.0.0.1", write: true, 403); // even the proxy's own word
        await SendAsync("127.0.0.1", "198.51.100.22", write: true, 403); // a proxy on this machine relaying someone
        await SendAsync("127.0.0.1", null, write: true, 200);          // a local client
    }

    [Fact]
    public async Task A_client_that_forges_forwarded_addresses_keeps_its_own_rate_limit()
    {
        for (var i = 0; i < ProxiedServiceFixture.PerAddress; i++)
        {
            await SendAsync("198.51.100.30", $"203.0.113.{i + 1}", write: false, 200);
        }
        await SendAsync("198.51.100.30", "203.0.113.99", write: false, 429);
    }

    [Fact]
    public async Task Clients_behind_the_known_proxy_each_have_their_own_limit()
    {
        for (var i = 0; i < ProxiedServiceFixture.PerAddress; i++)
        {
            await SendAsync(ProxiedServiceFixture.Proxy, "192.0.2.200, 198.51.100.40", write: false, 200);
        }
        await SendAsync(ProxiedServiceFixture.Proxy, "198.51.100.40", write: false, 429);
        // The forged first entry is not the client: only the hop the proxy saw counts.
        await SendAsync(ProxiedServiceFixture.Proxy, "198.51.100.40, 198.51.100.41", write: false, 200);
    }

    [Fact]
    public async Task Trusting_every_proxy_is_refused_at_start()
    {
        var database = await PostgresCluster.NewDatabaseAsync(nameof(ForwardedHeadersTests));
        await using var process = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = database,
            ["Samples__LoadOnEmptyStore"] = "false",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });
        Assert.Equal(78, await process.ExitCodeAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("ForwardedHeaders:KnownProxies", Assert.Single(process.Errors));
    }
}
