using Alba;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Operations;

/// <summary>
/// Two service nodes (two real hosts with the production settings: HotCold, Wolverine in balanced mode) on one
/// database. Wolverine's agent distribution gives the theater projection to one of them; both serve reads and
/// writes; when a node stops, its agents move to the other.
/// </summary>
public sealed class ScaleOutTests
{
    private static Task<IAlbaHost> StartNodeAsync(string connectionString) => ServiceFixture.StartAsync(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = connectionString,
            ["EventStore:DaemonMode"] = "HotCold",
            ["Samples:LoadOnEmptyStore"] = "false",
        },
        services => services.ConfigureWolverine(opts =>
        {
            // Production cadence is tens of seconds; a test wants failover in a few.
            opts.Durability.FirstHealthCheckExecution = 200.Milliseconds();
            opts.Durability.HealthCheckPollingTime = 1.Seconds();
            opts.Durability.CheckAssignmentPeriod = 1.Seconds();
            opts.Durability.StaleNodeTimeout = 5.Seconds();
        }));

    private static async Task<int> IncidentCountAsync(IAlbaHost node, string theater)
    {
        var list = await node.GetJsonAsync("/api/v1/theaters");
        var item = list["items"]!.AsArray().SingleOrDefault(t => t!["id"]!.GetValue<string>() == theater);
        return item?["incidentCount"]!.GetValue<int>() ?? 0;
    }

    private static Task<int> WaitForIncidentsAsync(IAlbaHost node, string theater, int expected) => Eventually.UntilAsync(
        () => IncidentCountAsync(node, theater), count => count == expected, TimeSpan.FromSeconds(60), $"{expected} incidents of {theater} listed");

    private static string[] ProjectionAgents(IAlbaHost node) =>
        node.GetRuntime().Agents.AllRunningAgentUris().Select(u => u.ToString())
            .Where(u => u.Contains("theaters", StringComparison.OrdinalIgnoreCase)).ToArray();

    [Fact]
    public async Task Two_nodes_share_the_work_and_the_survivor_carries_on_projecting()
    {
        var connectionString = await PostgresCluster.NewDatabaseAsync(nameof(ScaleOutTests));
        var a = await StartNodeAsync(connectionString);
        var b = await StartNodeAsync(connectionString);
        try
        {
            var theater = ServiceFixture.NewTheater("nodes");
            Assert.Equal(200, (await a.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"), Incident($"{theater}-2", theater, "2020-12-21"))).Status);
            Assert.Equal(200, (await b.PostEventsAsync(Incident($"{theater}-3", theater, "2020-12-22"))).Status);

            // Written through A and B, projected once (by whichever node holds the agent), read on both.
            Assert.Equal(3, await WaitForIncidentsAsync(b, theater, 3));
            Assert.Equal(3, await WaitForIncidentsAsync(a, theater, 3));
            var running = ProjectionAgents(a).Length + ProjectionAgents(b).Length;
            Assert.Equal(1, running); // one node runs the projection, not both

            await a.DisposeAsync();
            a = null;

            Assert.Equal(200, (await b.PostEventsAsync(Incident($"{theater}-4", theater, "2020-12-23"))).Status);
            Assert.Equal(4, await WaitForIncidentsAsync(b, theater, 4));
            Assert.Single(ProjectionAgents(b));
        }
        finally
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }
            await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replay_on_the_node_without_the_projection_pauses_it_cluster_wide_and_lets_it_go_again()
    {
        var connectionString = await PostgresCluster.NewDatabaseAsync(nameof(ScaleOutTests));
        await using var a = await StartNodeAsync(connectionString);
        await using var b = await StartNodeAsync(connectionString);
        var theater = ServiceFixture.NewTheater("replayed");
        var incidents = Enumerable.Range(0, 5_000).Select(i => Incident($"{theater}-{i}", theater, $"2020-{1 + i % 12:00}-{1 + i % 28:00}")).ToArray();
        Assert.Equal(200, (await a.PostEventsAsync(incidents)).Status); // enough that the rebuild takes a moment
        Assert.Equal(5_000, await WaitForIncidentsAsync(a, theater, 5_000));
        var other = ProjectionAgents(a).Length == 1 ? b : a; // the node that does not run the projection

        using var client = other.Server.CreateClient();
        Assert.True((await client.PostEmptyAsync("/api/v1/admin/replay")).IsSuccessStatusCode);
        var (state, sawPaused, samples) = ("running", false, 0);
        await Eventually.UntilAsync(async () => // the agents sampled every 20 ms, the replay's state every 200 ms
        {
            sawPaused |= ProjectionAgents(a).Length + ProjectionAgents(b).Length == 0; // no node projects meanwhile
            if (samples++ % 10 == 0) state = (await other.GetJsonAsync("/api/v1/admin/replay"))["state"]!.GetValue<string>();
            return state != "running";
        }, TimeSpan.FromSeconds(60), "the replay finishing", TimeSpan.FromMilliseconds(20));
        Assert.Equal("completed", state);
        Assert.True(sawPaused, "the node running the projection kept running it during the replay");

        // The rebuilt projection holds each incident once, and projects what comes next.
        Assert.Equal(5_000, await IncidentCountAsync(b, theater));
        Assert.Equal(200, (await other.PostEventsAsync(Incident($"{theater}-next", theater, "2020-12-29"))).Status);
        Assert.Equal(5_001, await WaitForIncidentsAsync(a, theater, 5_001));
        var running = await Eventually.UntilAsync(() => Task.FromResult(ProjectionAgents(a).Length + ProjectionAgents(b).Length),
            n => n == 1, TimeSpan.FromSeconds(10), "one node running the projection again");
        Assert.Equal(1, running);
    }
}
