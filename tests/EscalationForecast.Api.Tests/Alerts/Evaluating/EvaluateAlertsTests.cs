using EscalationForecast.Api.Alerts.Evaluating;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts.Evaluating;

/// <summary>
/// The whole path on the real service: a burst of incidents lifts a theater's live risk over a rule's threshold,
/// the breach is recorded once and delivered once, signed; retracting the burst brings the risk back below
/// <c>clearBelow</c> and the clearance follows, once.
/// </summary>
public sealed class EvaluateAlertsTests(AlertingFixture service) : IClassFixture<AlertingFixture>
{
    [Fact]
    public async Task A_burst_breaches_a_rule_once_with_one_signed_webhook_and_retracting_it_clears_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = service.Host.Server.CreateClient();
        var theater = await Alerting.NewTheaterWithModelAsync(service.Host, "burst");
        var calm = (await Alerting.RiskAsync(client, theater.TheaterId))["expectedEvents"]!.GetValue<double>();
        var threshold = Math.Round(calm * 1.4, 3);
        var ruleId = "";
        // The rule's first evaluation, asked for with its creation, and whatever it sends: calm, no alert.
        var created = await Tracked().ExecuteAndWaitAsync(async () => ruleId = await Alerting.CreateRuleAsync(client, new
        {
            theaterId = theater.TheaterId, metric = "expectedEvents", horizonDays = 7, threshold, webhookUrl = receiver.Url, secret = Alerting.Secret,
        }));
        Assert.Contains(created.MessageSucceeded.MessagesOf<EvaluateAlerts>(), e => e.TheaterId == theater.TheaterId);
        Assert.Empty(receiver.Calls);

        var now = DateTimeOffset.UtcNow;
        var burst = Enumerable.Range(0, 25)
            .Select(i => HttpExtensions.Incident($"{theater.TheaterId}-burst{i}", theater.TheaterId,
                now.AddMinutes(-5 - 7 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))
            .ToArray();
        // The burst's evaluation with its delivery, and the refit on the burst that it schedules.
        await Tracked().WaitForMessageToBeReceivedAt<RefitTheater>(service.Host)
            .ExecuteAndWaitAsync(async () => Assert.Equal(200, (await service.Host.PostEventsAsync(burst)).Status));

        var calls = await receiver.WaitAsync(c => c.Length >= 1, TimeSpan.FromSeconds(30));
        var breach = Assert.Single(calls);
        Assert.True(breach.SignedWith(Alerting.Secret), $"signature {breach.Signature} does not match the body {breach.Body}");
        var payload = breach.Json;
        Assert.Equal("breached", payload["kind"]!.GetValue<string>());
        Assert.Equal(ruleId, payload["ruleId"]!.GetValue<string>());
        Assert.Equal(theater.TheaterId, payload["theaterId"]!.GetValue<string>());
        Assert.Equal("expectedEvents", payload["metric"]!.GetValue<string>());
        Assert.True(payload["value"]!.GetValue<double>() >= threshold);
        Assert.Equal(threshold, payload["threshold"]!.GetValue<double>());
        Assert.EndsWith("Z", payload["at"]!.GetValue<string>());

        // On the model refitted on the burst, the re-evaluations (the refit's, the clock's) find it still breached: nothing more is sent.
        await ReevaluateAsync(theater.TheaterId);
        Assert.Single(receiver.Calls);

        var retractions = burst.Select((_, i) => (object)new
        {
            id = $"{theater.TheaterId}-retract{i}", type = "incident-retracted", theaterId = theater.TheaterId, incidentId = $"{theater.TheaterId}-burst{i}",
            occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        }).ToArray();
        await Tracked().WaitForMessageToBeReceivedAt<RefitTheater>(service.Host).ExecuteAndWaitAsync(async () =>
        {
            var retracted = await service.Host.PostEventsAsync(retractions);
            Assert.True(200 == retracted.Status, retracted.Body?.ToJsonString());
        });

        calls = await receiver.WaitAsync(c => c.Length >= 2, TimeSpan.FromSeconds(60));
        Assert.Equal(2, calls.Length);
        var clearance = calls[1];
        Assert.True(clearance.SignedWith(Alerting.Secret));
        Assert.Equal("cleared", clearance.Json["kind"]!.GetValue<string>());
        Assert.True(clearance.Json["value"]!.GetValue<double>() < 0.9 * threshold);

        var listed = await Alerting.WaitForAlertsAsync(client, ruleId, a => a.Length >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(["breached", "cleared"], listed.Select(a => a["kind"]!.GetValue<string>()));
        Assert.Equal([breach.AlertId, clearance.AlertId], listed.Select(a => a["alertId"]!.GetValue<string>()));
        Assert.True(listed[0]["sequence"]!.GetValue<long>() < listed[1]["sequence"]!.GetValue<long>());

        // And it stays cleared: the clearance is delivered for good, and a re-evaluation on the model refitted without the burst sends nothing.
        await Eventually.UntilAsync(() => Alerting.DeliveredForGoodAsync(service.Host, clearance.AlertId), TimeSpan.FromSeconds(30),
            $"the clearance {clearance.AlertId} delivered, with no attempt at it left");
        await ReevaluateAsync(theater.TheaterId);
        Assert.Equal(2, receiver.Calls.Count);
    }

    /// <summary>
    /// A tracked session on the service, a wait and not an assertion: evaluations racing on one rule retry on a
    /// version conflict, which would fail a session that asserts no exceptions.
    /// </summary>
    private TrackedSessionConfiguration Tracked() => service.Host.TrackActivity().Timeout(60.Seconds()).DoNotAssertOnExceptionsDetected();

    /// <summary>Evaluates the theater's rules now, as the triggers and the clock do, and waits for whatever that sends.</summary>
    private Task ReevaluateAsync(string theaterId) => Tracked().InvokeMessageAndWaitAsync(new EvaluateAlerts(theaterId));
}
