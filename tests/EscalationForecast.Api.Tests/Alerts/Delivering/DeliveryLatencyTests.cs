namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// Measures (does not assert) the delivery latency: from the breach's recorded time (<c>at</c>, stamped when
/// the AlertRaised event is appended) to the webhook receiving it, one breach at a time, on the real service
/// and store. The README quotes the numbers this prints (<c>ALERT_LATENCY_BREACHES=200</c> for more samples).
/// </summary>
public sealed class DeliveryLatencyTests(AlertingFixture service, ITestOutputHelper output) : IClassFixture<AlertingFixture>
{
    [Fact]
    public async Task Breach_recorded_to_webhook_received()
    {
        var breaches = int.TryParse(Environment.GetEnvironmentVariable("ALERT_LATENCY_BREACHES"), out var n) ? n : 40;
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = service.Host.Server.CreateClient();
        var theater = await service.SharedTheaterAsync();
        await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(theater, receiver.Url)); // warm-up
        await receiver.WaitAsync(c => c.Length >= 1, TimeSpan.FromSeconds(30));

        var latencies = new List<double>();
        for (var i = 0; i < breaches; i++)
        {
            var seen = receiver.Calls.Count;
            await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(theater, receiver.Url));
            var calls = await receiver.WaitAsync(c => c.Length > seen, TimeSpan.FromSeconds(30));
            var call = calls[^1];
            latencies.Add((call.ReceivedAt - DateTimeOffset.Parse(call.Json["at"]!.GetValue<string>())).TotalMilliseconds);
        }
        latencies.Sort();
        var p50 = latencies[(int)Math.Ceiling(0.50 * latencies.Count) - 1];
        var p99 = latencies[(int)Math.Ceiling(0.99 * latencies.Count) - 1];
        output.WriteLine($"delivery latency over {breaches} breaches: p50 {p50:F1} ms, p99 {p99:F1} ms, max {latencies[^1]:F1} ms");
        Assert.Equal(breaches, latencies.Count);
    }
}
