using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// Alert fan-out over a real RabbitMQ (<see cref="RabbitMqBroker"/>): two service nodes on one database, both
/// publishing deliveries to one durable queue and consuming from it. Node A is a process of its own, so it can be
/// killed; node B runs here. Every first attempt fails (500), so each alert's retry is scheduled in PostgreSQL and
/// sent back through the broker; second attempts hang until A is killed with calls of its own in flight.
/// </summary>
public sealed class RabbitMqDeliveryTests
{
    private const int Rules = 6;

    [Fact]
    public async Task Two_nodes_over_rabbitmq_deliver_every_alert_once_when_one_is_killed_mid_delivery()
    {
        var broker = await RabbitMqBroker.StartedAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var released = false;
        receiver.Answer = (_, before) => before == 0 ? 500 : Volatile.Read(ref released) ? 204 : 0;
        var database = await PostgresCluster.NewDatabaseAsync(nameof(RabbitMqDeliveryTests));
        var settings = Settings(database, broker.Uri, $"ef-test-{Guid.NewGuid():N}");

        var port = ServiceProcess.FreePort();
        await using var a = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"],
            settings.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value));
        using var clientA = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await a.WaitForReadyAsync(clientA, TimeSpan.FromSeconds(90));
        await using var b = await ServiceFixture.StartAsync(settings, FastNode);
        var clientB = b.Server.CreateClient();

        var theater = new SyntheticTheater(ServiceFixture.NewTheater("rabbit"), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120), 120);
        using (var posted = await clientB.PostAsync("/api/v1/events", JsonContent.Create(theater.Events(), options: JsonSerializerOptions.Web)))
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }
        await Alerting.WaitForModelAsync(clientB, theater.TheaterId);
        await Alerting.WaitForModelAsync(clientA, theater.TheaterId);
        for (var i = 0; i < Rules; i++) // breaches on both nodes: each rule is evaluated where it is created
        {
            await Alerting.CreateRuleAsync(i % 2 == 0 ? clientA : clientB, Alerting.BreachingRule(theater.TheaterId, receiver.Url));
        }

        // Every alert failed once and its retry, held in PostgreSQL until due, came back through the broker and hangs;
        // at least one of the hanging calls is node A's.
        var sawHeldRetry = false;
        await Eventually.UntilAsync(async () =>
        {
            sawHeldRetry |= (await b.GetRuntime().Storage.Admin.AllIncomingAsync()).Any(e => e.Status == EnvelopeStatus.Scheduled);
            var hanging = receiver.Calls.Where(c => c.Answer == 0).ToArray();
            return hanging.Select(c => c.AlertId).Distinct().Count() == Rules && hanging.Any(c => SocketOwners.Holds(a.Id, c.ClientPort, receiver.Port));
        }, TimeSpan.FromSeconds(120), "every alert's retry hanging at the receiver, one of them from node A");
        Assert.True(sawHeldRetry, "no retry was seen waiting in PostgreSQL");
        Assert.All(receiver.Calls.GroupBy(c => c.AlertId), g => Assert.Equal(500, g.First().Answer));

        Volatile.Write(ref released, true);
        await a.KillAsync(); // A's calls die with it; its claimed deliveries wait in its PostgreSQL inbox for B
        var alertIds = receiver.Calls.Select(c => c.AlertId).Distinct().ToArray();
        await receiver.WaitAsync(calls => alertIds.All(id => calls.Any(c => c.AlertId == id && c.Answer == 204)), TimeSpan.FromSeconds(150));
        foreach (var id in alertIds)
        {
            await Eventually.UntilAsync(() => Alerting.DeliveredForGoodAsync(b, id), TimeSpan.FromSeconds(60), $"alert {id} delivered, with no attempt left");
        }

        var listed = await Eventually.UntilAsync(() => Alerting.AlertsAsync(clientB), l => l.Length >= Rules, TimeSpan.FromSeconds(30), "every alert listed");
        Assert.Equal(listed.Select(l => l["alertId"]!.GetValue<string>()).Order(), alertIds.Order()); // every alert delivered
        foreach (var calls in receiver.Calls.GroupBy(c => c.AlertId).Select(g => g.OrderBy(c => c.ReceivedAt).ToArray()))
        {
            var delivered = Assert.Single(calls, c => c.Answer == 204); // never twice after a 2xx...
            Assert.Same(delivered, calls[^1]);                           // ...and nothing after it
            Assert.All(calls, c => Assert.True(c.SignedWith(Alerting.Secret)));
            Assert.All(calls, c => Assert.Equal(calls[0].Body, c.Body));
        }
    }

    private static Dictionary<string, string?> Settings(string database, string brokerUri, string queue) => new()
    {
        ["ConnectionStrings:Marten"] = database,
        ["EventStore:DaemonMode"] = "HotCold",
        ["Samples:LoadOnEmptyStore"] = "false",
        ["Models:RefitDelaySeconds"] = "0.2",
        ["Models:MinRefitIntervalSeconds"] = "0",
        ["Models:RefitCostFactor"] = "0",
        ["Risk:PollSeconds"] = "0.25",
        ["Alerting:AllowedWebhookHosts:0"] = "127.0.0.1",
        ["Alerting:Transport"] = "RabbitMq",
        ["Alerting:RabbitMq:Uri"] = brokerUri,
        ["Alerting:RabbitMq:Queue"] = queue,
        ["Alerting:RetryBaseSeconds"] = "4", // the first retry waits 2-4 s in PostgreSQL: long enough to be seen there
        ["Alerting:RetryMaxSeconds"] = "4",
        ["Alerting:MaxAttempts"] = "8",
        ["Alerting:TimeoutSeconds"] = "20", // B's hanging calls give up after this and are retried
        ["Alerting:DeliveryParallelism"] = "8",
    };

    /// <summary>Node B: scheduled retries polled every 100 ms, and a dead node noticed within seconds.</summary>
    private static void FastNode(IServiceCollection services)
    {
        AlertingFixture.FastScheduling(services);
        services.ConfigureWolverine(opts =>
        {
            opts.Durability.FirstHealthCheckExecution = 200.Milliseconds();
            opts.Durability.HealthCheckPollingTime = 1.Seconds();
            opts.Durability.CheckAssignmentPeriod = 1.Seconds();
            opts.Durability.StaleNodeTimeout = 5.Seconds();
        });
    }
}
