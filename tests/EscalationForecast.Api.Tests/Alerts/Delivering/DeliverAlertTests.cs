using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// Delivery against real receivers: retries with back-off until a 2xx, then never again; a receiver that keeps
/// failing ends in the dead-letter list, from where the alert can be re-sent.
/// </summary>
public sealed class DeliverAlertTests(AlertingFixture service) : IClassFixture<AlertingFixture>
{
    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_alert_once_after_the_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, before) => before < 2 ? 500 : 204;
        var client = service.Host.Server.CreateClient();
        await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(await service.SharedTheaterAsync(), receiver.Url));

        var calls = await receiver.WaitAsync(c => c.Length >= 3, TimeSpan.FromSeconds(30));
        // Delivered, and no attempt at it left in the inbox: a wrong fourth attempt would have been made by then.
        await WaitUntilDeliveredForGoodAsync(calls[0].AlertId);
        calls = receiver.Calls.ToArray();
        Assert.Equal([500, 500, 204], calls.Select(c => c.Answer));
        Assert.Single(calls.Select(c => c.AlertId).Distinct());
        Assert.All(calls, c => Assert.True(c.SignedWith(Alerting.Secret)));
        Assert.Equal(calls[0].Body, calls[2].Body); // the same bytes, signed the same, on every attempt
        Assert.True(calls[2].ReceivedAt - calls[1].ReceivedAt >= TimeSpan.FromMilliseconds(150), "the second retry waits about twice the base delay");
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_in_the_dead_letters_and_a_resend_delivers_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 500;
        var client = service.Host.Server.CreateClient();
        var ruleId = await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(await service.SharedTheaterAsync(), receiver.Url));

        var dead = await Eventually.UntilAsync(async () =>
        {
            var list = JsonNode.Parse(await client.GetStringAsync("/api/v1/admin/alerts/dead-letters", TestContext.Current.CancellationToken))!;
            return list["items"]!.AsArray().FirstOrDefault(d => d!["ruleId"]!.GetValue<string>() == ruleId);
        }, d => d is not null, TimeSpan.FromSeconds(30), $"the alert of rule {ruleId} in the dead letters");
        Assert.NotNull(dead);
        Assert.Equal(4, dead["attempts"]!.GetValue<int>()); // Alerting:MaxAttempts
        Assert.Equal("HTTP 500", dead["lastError"]!.GetValue<string>());
        Assert.Equal(4, receiver.Calls.Count);
        var alertId = dead["alertId"]!.GetValue<string>();

        receiver.Answer = (_, _) => 204;
        using (var resend = await client.PostEmptyAsync($"/api/v1/admin/alerts/dead-letters/{alertId}/resend"))
        {
            Assert.Equal(202, (int)resend.StatusCode);
        }
        var calls = await receiver.WaitAsync(c => c.Any(x => x.Answer == 204), TimeSpan.FromSeconds(20));
        Assert.Equal(alertId, calls.Single(c => c.Answer == 204).AlertId);
        var after = JsonNode.Parse(await client.GetStringAsync("/api/v1/admin/alerts/dead-letters"))!;
        Assert.DoesNotContain(after["items"]!.AsArray(), d => d!["alertId"]!.GetValue<string>() == alertId);

        // Delivered: a second resend is refused, nothing more is sent (whatever it set off has been handled).
        await WaitUntilDeliveredForGoodAsync(alertId);
        await service.Host.TrackActivity().Timeout(30.Seconds()).DoNotAssertOnExceptionsDetected().ExecuteAndWaitAsync(async () =>
        {
            using var again = await client.PostEmptyAsync($"/api/v1/admin/alerts/dead-letters/{alertId}/resend", TestContext.Current.CancellationToken);
            Assert.Equal(409, (int)again.StatusCode);
        });
        Assert.Equal(5, receiver.Calls.Count);
    }

    private Task WaitUntilDeliveredForGoodAsync(string alertId) => Eventually.UntilAsync(
        () => Alerting.DeliveredForGoodAsync(service.Host, alertId), TimeSpan.FromSeconds(30), $"alert {alertId} delivered, with no attempt at it left");
}
