using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Alba;
using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Alerts.Evaluating;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// Delivery survives a process dying mid-delivery, and two nodes on one database deliver each alert once.
/// </summary>
public sealed class AlertDurabilityTests
{
    /// <summary>
    /// A real service process (the built API, its own PID) records a breach and starts delivering it to a
    /// receiver that holds the call open; the process is then killed with SIGKILL, so nothing it kept in memory
    /// survives and no shutdown code runs. A new service on the same database must deliver the alert from what
    /// the first one committed: the AlertRaised event and, in the same transaction, the outbox's message.
    /// </summary>
    [Fact]
    public async Task An_alert_recorded_before_the_process_was_killed_is_delivered_after_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 0; // hold every call open: the first process never sees an answer
        var connectionString = await PostgresCluster.NewDatabaseAsync(nameof(AlertDurabilityTests));
        var port = ServiceProcess.FreePort();
        await using var process = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["EventStore__DaemonMode"] = "Solo",
            ["Samples__LoadOnEmptyStore"] = "false",
            ["Models__RefitDelaySeconds"] = "0.2",
            ["Models__MinRefitIntervalSeconds"] = "0",
            ["Models__RefitCostFactor"] = "0",
            ["Risk__PollSeconds"] = "0.25",
            ["Alerting__AllowedWebhookHosts__0"] = "127.0.0.1",
            ["Alerting__TimeoutSeconds"] = "120", // the held call stays in flight until the kill
        });
        IAlbaHost? restarted = null;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await process.WaitForReadyAsync(client, TimeSpan.FromSeconds(60));
            var theater = new SyntheticTheater(ServiceFixture.NewTheater("killed"), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120), 120);
            using (var posted = await client.PostAsync("/api/v1/events", JsonContent.Create(theater.Events(), options: JsonSerializerOptions.Web)))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            await Alerting.WaitForModelAsync(client, theater.TheaterId);
            await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(theater.TheaterId, receiver.Url));

            var first = (await receiver.WaitAsync(c => c.Length >= 1, TimeSpan.FromSeconds(60))).First();
            await process.KillAsync();
            receiver.Answer = (_, _) => 204;

            restarted = await ServiceFixture.StartAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Marten"] = connectionString,
                ["EventStore:DaemonMode"] = "Solo",
                ["Samples:LoadOnEmptyStore"] = "false",
            }.Also(AlertingFixture.AlertSettings), services =>
            {
                services.RunWolverineInSoloMode();
                AlertingFixture.FastScheduling(services);
            });
            var calls = await receiver.WaitAsync(c => c.Any(x => x.Answer == 204), TimeSpan.FromSeconds(60));
            var delivered = Assert.Single(calls, c => c.Answer == 204);
            Assert.Equal(first.AlertId, delivered.AlertId);
            Assert.Equal(first.Body, delivered.Body);
            Assert.True(delivered.SignedWith(Alerting.Secret));

            var delivery = await Eventually.UntilAsync(async () =>
            {
                await using var session = restarted.Services.GetRequiredService<IDocumentStore>().QuerySession();
                return await session.LoadAsync<AlertDelivery>(first.AlertId, TestContext.Current.CancellationToken);
            }, d => d?.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(5), $"the delivery of {first.AlertId} marked delivered");
            Assert.Equal(DeliveryStatus.Delivered, delivery!.Status);
        }
        finally
        {
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_nodes_on_one_database_deliver_each_alert_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var connectionString = await PostgresCluster.NewDatabaseAsync(nameof(AlertDurabilityTests));
        var a = await StartNodeAsync(connectionString);
        var b = await StartNodeAsync(connectionString);
        try
        {
            var (clientA, clientB) = (a.Server.CreateClient(), b.Server.CreateClient());
            var theater = new SyntheticTheater(ServiceFixture.NewTheater("nodes"), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120), 120);
            var events = theater.Events();
            Assert.Equal(200, (await a.PostEventsAsync([.. events.Take(events.Count / 2)])).Status);
            Assert.Equal(200, (await b.PostEventsAsync([.. events.Skip(events.Count / 2)])).Status);
            await Alerting.WaitForModelAsync(clientA, theater.TheaterId);

            var rules = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                rules.Add(await Alerting.CreateRuleAsync(i % 2 == 0 ? clientA : clientB, Alerting.BreachingRule(theater.TheaterId, receiver.Url)));
            }
            // More events through both nodes: the triggers and both nodes' clock ticks evaluate the rules again.
            var now = DateTimeOffset.UtcNow;
            await Tracked(a).AlsoTrack(b).ExecuteAndWaitAsync(async () => // the triggers' evaluations, with whatever they send
            {
                Assert.Equal(200, (await a.PostEventsAsync(HttpExtensions.Incident($"{theater.TheaterId}-late-a", theater.TheaterId, now.AddMinutes(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))).Status);
                Assert.Equal(200, (await b.PostEventsAsync(HttpExtensions.Incident($"{theater.TheaterId}-late-b", theater.TheaterId, now.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))).Status);
            });

            var delivered = await receiver.WaitAsync(c => c.Length >= rules.Count, TimeSpan.FromSeconds(60));
            // Re-evaluations on both nodes at once, as their clocks make them, each waited for with whatever it sends;
            // then every alert delivered with no attempt at it left in the inbox: any duplicate has been sent by now.
            await Task.WhenAll(Tracked(a).InvokeMessageAndWaitAsync(new EvaluateAlerts(theater.TheaterId)),
                Tracked(b).InvokeMessageAndWaitAsync(new EvaluateAlerts(theater.TheaterId)));
            foreach (var alertId in delivered.Select(c => c.AlertId).Distinct())
            {
                await Eventually.UntilAsync(() => Alerting.DeliveredForGoodAsync(a, alertId), TimeSpan.FromSeconds(30),
                    $"alert {alertId} delivered, with no attempt at it left");
            }
            var calls = receiver.Calls.ToArray();
            Assert.Equal(rules.Count, calls.Length);
            Assert.Equal(rules.Order(), calls.Select(c => c.Json["ruleId"]!.GetValue<string>()).Order());
            Assert.Equal(rules.Count, calls.Select(c => c.AlertId).Distinct().Count());
            // The list reads up to the event store's high-water mark, which follows the commits by the daemon's poll.
            var listed = await Eventually.UntilAsync(() => Alerting.AlertsAsync(clientB), l => l.Length >= rules.Count,
                TimeSpan.FromSeconds(30), "every alert listed");
            Assert.Equal(rules.Count, listed.Length);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// A tracked session on a node, a wait and not an assertion: two nodes evaluating one rule at once retry on the
    /// version conflict, and their clocks' ticks collide and are discarded, which would fail a session that asserts
    /// no exceptions.
    /// </summary>
    private static TrackedSessionConfiguration Tracked(IAlbaHost node) => node.TrackActivity().Timeout(60.Seconds()).DoNotAssertOnExceptionsDetected();

    private static Task<IAlbaHost> StartNodeAsync(string connectionString) => ServiceFixture.StartAsync(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = connectionString,
            ["EventStore:DaemonMode"] = "HotCold",
            ["Samples:LoadOnEmptyStore"] = "false",
            ["Models:RefitDelaySeconds"] = "0.2",
            ["Models:MinRefitIntervalSeconds"] = "0",
            ["Models:RefitCostFactor"] = "0",
            ["Risk:PollSeconds"] = "0.25",
        }.Also(AlertingFixture.AlertSettings),
        services =>
        {
            AlertingFixture.FastScheduling(services);
            services.ConfigureWolverine(opts =>
            {
                opts.Durability.FirstHealthCheckExecution = 200.Milliseconds();
                opts.Durability.HealthCheckPollingTime = 1.Seconds();
                opts.Durability.CheckAssignmentPeriod = 1.Seconds();
                opts.Durability.StaleNodeTimeout = 5.Seconds();
            });
        });
}

internal static class SettingsExtensions
{
    public static Dictionary<string, string?> Also(this Dictionary<string, string?> settings, Action<IDictionary<string, string?>> more)
    {
        more(settings);
        return settings;
    }
}
