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

    private static async Task<int> WaitForIncidentsAsync(IAlbaHost node, string theater, int expected)
    {
        var count = await IncidentCountAsync(node, theater);
        for (var attempt = 0; attempt < 240 && count != expected; attempt++)
        {
            await Task.Delay(250);
            count = await IncidentCountAsync(node, theater);
        }
        return count;
    }

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
}
