using System.Text.Json.Nodes;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Health;

/// <summary>The service on a PostgreSQL cluster of its own, which the test stops and starts again.</summary>
public sealed class OwnClusterServiceFixture : ServiceFixture
{
    public EmbeddedPostgres Cluster { get; private set; } = null!;

    protected override async Task<string> NewDatabaseAsync()
    {
        Cluster = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"ef-outage-{Guid.NewGuid():N}"), throwaway: true);
        await PostgresConfiguration.EnsureDatabaseAsync(Cluster.ConnectionString("postgres"), "outage");
        return Cluster.ConnectionString("outage");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(OwnClusterServiceFixture service) : IClassFixture<OwnClusterServiceFixture>
{
    private async Task<(int Status, JsonNode Body)> ReadyAsync()
    {
        using var response = await service.Host.Server.CreateClient().GetAsync("/health/ready");
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private Task<(int Status, JsonNode Body)> WaitForAsync(Func<(int Status, JsonNode Body), bool> condition) =>
        Eventually.UntilAsync(ReadyAsync, condition, TimeSpan.FromSeconds(60), "/health/ready answering as expected");

    [Fact]
    public async Task Ready_fails_while_the_database_is_away_and_recovers_when_it_returns()
    {
        var before = await WaitForAsync(r => r.Status == 200);
        Assert.Equal("Healthy", before.Body["checks"]!["database"]!["status"]!.GetValue<string>());

        await service.Cluster.StopAsync();
        try
        {
            var away = await WaitForAsync(r => r.Status == 503);
            Assert.Equal(503, away.Status);
            Assert.Equal("Unhealthy", away.Body["status"]!.GetValue<string>());
            Assert.Equal("Unhealthy", away.Body["checks"]!["database"]!["status"]!.GetValue<string>());
            Assert.DoesNotContain(service.Cluster.Password, away.Body.ToJsonString());
            // What failed, not where: Npgsql's message names the host and port.
            var port = new Npgsql.NpgsqlConnectionStringBuilder(service.ConnectionString).Port.ToString();
            Assert.DoesNotContain(port, away.Body["checks"]!["database"]!.ToJsonString());
            Assert.DoesNotContain("127.0.0.1", away.Body.ToJsonString());
            Assert.Equal("Healthy", (await service.Host.GetJsonAsync("/health/live"))["status"]!.GetValue<string>());
        }
        finally
        {
            await service.Cluster.RestartAsync();
        }

        var back = await WaitForAsync(r => r.Status == 200 && r.Body["status"]!.GetValue<string>() == "Healthy");
        Assert.Equal("Healthy", back.Body["status"]!.GetValue<string>());
        // And it works again, not only answers.
        var theater = ServiceFixture.NewTheater("outage");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"))).Status);
    }
}

/// <summary>No daemon runs here, so the projection stays behind whatever is written.</summary>
public sealed class StalledDaemonServiceFixture : ServiceFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["EventStore:DaemonMode"] = "Disabled";
        settings["Health:MaxProjectionLag"] = "5";
    }
}

public sealed class ProjectionLagTests(StalledDaemonServiceFixture service) : IClassFixture<StalledDaemonServiceFixture>
{
    [Fact]
    public async Task A_projection_behind_the_high_water_mark_makes_ready_degraded_with_the_lag()
    {
        var theater = ServiceFixture.NewTheater("lag");
        var batch = Enumerable.Range(1, 8).Select(i => Incident($"{theater}-{i}", theater, $"2020-12-{i:00}")).ToArray<object>();
        Assert.Equal(200, (await service.Host.PostEventsAsync(batch)).Status);

        var ready = await service.Host.GetJsonAsync("/health/ready"); // Degraded still answers 200: keep serving
        Assert.Equal("Degraded", ready["status"]!.GetValue<string>());
        var projections = ready["checks"]!["projections"]!;
        Assert.Equal("Degraded", projections["status"]!.GetValue<string>());
        Assert.Equal(8, projections["data"]!["Theaters:All"]!.GetValue<long>());
        Assert.Contains("Theaters:All is 8 events behind", projections["description"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["database"]!["status"]!.GetValue<string>());
    }
}
