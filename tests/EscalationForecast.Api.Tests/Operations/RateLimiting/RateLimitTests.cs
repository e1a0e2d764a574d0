using System.Net;
using Alba;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Operations.RateLimiting;

public sealed class RateLimitedServiceFixture : ServiceFixture
{
    public const string Key = "limited-key-0123456789";
    public const string OtherKey = "other-key-0123456789";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Security:ApiKeys:0:key"] = Key;
        settings["Security:ApiKeys:0:scopes:0"] = "read";
        settings["Security:ApiKeys:1:key"] = OtherKey;
        settings["Security:ApiKeys:1:scopes:0"] = "read";
        settings["RateLimiting:PerKeyPerMinute"] = "3";
        settings["RateLimiting:PerAddressPerMinute"] = "5";
    }
}

public sealed class RateLimitTests(RateLimitedServiceFixture service) : IClassFixture<RateLimitedServiceFixture>
{
    private Task<IScenarioResult> GetAsync(string address, string? key, int status) => service.Host.Scenario(s =>
    {
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address));
        if (key is not null)
        {
            s.WithRequestHeader("X-Api-Key", key);
        }
        s.Get.Url("/api/v1/theaters");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_goes_on()
    {
        for (var i = 0; i < 3; i++)
        {
            await GetAsync($"198.51.100.{i + 1}", RateLimitedServiceFixture.Key, 200);
        }
        var refused = await GetAsync("198.51.100.9", RateLimitedServiceFixture.Key, 429);
        var retryAfter = int.Parse(refused.Context.Response.Headers.RetryAfter.ToString());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", refused.Context.Response.ContentType);
        await GetAsync("198.51.100.10", RateLimitedServiceFixture.OtherKey, 200);
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_even_without_a_key_and_health_stays_open()
    {
        for (var i = 0; i < 5; i++)
        {
            await GetAsync("192.0.2.44", null, 401);
        }
        var refused = await GetAsync("192.0.2.44", null, 429);
        Assert.False(string.IsNullOrEmpty(refused.Context.Response.Headers.RetryAfter.ToString()));
        await service.Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.44"));
            s.Get.Url("/health/live");
            s.StatusCodeShouldBeOk();
        });
    }
}
