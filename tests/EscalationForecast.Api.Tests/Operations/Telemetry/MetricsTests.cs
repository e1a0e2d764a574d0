using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Operations.Telemetry;

public sealed class MetricsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Progress_left_by_a_subscription_the_service_no_longer_runs_is_not_lag()
    {
        var theater = ServiceFixture.NewTheater("retired");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"))).Status);
        await service.CatchUpAsync();
        await using (var database = Npgsql.NpgsqlDataSource.Create(service.ConnectionString))
        {
            await database.CreateCommand(
                "insert into mt_event_progression (name, last_seq_id) values ('RetiredSubscription:All', 0) on conflict do nothing")
                .ExecuteNonQueryAsync();
        }

        var lag = await service.Host.Services.GetRequiredService<ProjectionLagMonitor>().ReadAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(["AlertTriggers:All", "Theaters:All"], lag.Behind.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, lag.Behind["Theaters:All"]);
    }

    [Fact]
    public async Task After_traffic_metrics_carries_our_names_labels_and_values()
    {
        var theater = ServiceFixture.NewTheater("metrics");
        var (status, _, _) = await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2020-12-20"), Incident($"{theater}-2", theater, "2020-12-21"),
            new { id = $"{theater}-a", type = "anniversary", theaterId = theater, date = "2019-12-29", name = "strikes" });
        Assert.Equal(200, status);
        // The same first incident again: a duplicate, not counted twice.
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"))).Status);
        Assert.Equal(400, (await service.Host.PostEventsAsync(new { id = "x", type = "incident" })).Status);
        await service.CatchUpAsync();

        // The features of the risk and alerting issues report through these calls.
        var metrics = service.Host.Services.GetRequiredService<EscalationMetrics>();
        metrics.ModelFitted(theater, success: true, seconds: 0.8);
        metrics.ModelFitted(theater, success: false, seconds: 0.1);
        metrics.RiskChanged(theater, score: 71, probability: 0.83);
        metrics.AlertRaised();
        metrics.AlertDelivered(TimeSpan.FromMilliseconds(250));
        metrics.AlertFailed();
        metrics.AlertDeadLettered();
        var lag = await service.Host.Services.GetRequiredService<ProjectionLagMonitor>().ReadAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(0, lag.Behind["Theaters:All"]);

        // Every host of the test process listens to every meter named "EscalationForecast", so series without a
        // theater of this test's own may come from other test classes: those are checked for presence only.
        var (text, samples) = await PrometheusText.ScrapeAsync(service.Host);
        double Value(string name, params (string Key, string Value)[] labels) =>
            samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);
        bool Has(string name) => samples.Any(s => s.Name == name);

        Assert.Equal(2, Value("escalation_events_ingested_total", ("type", "incident"), ("theater", theater)));
        Assert.Equal(1, Value("escalation_events_ingested_total", ("type", "anniversary"), ("theater", theater)));
        Assert.True(Value("escalation_batches_rejected_total") >= 1, text);
        Assert.Equal(1, Value("escalation_model_fits_total", ("theater", theater), ("outcome", "success")));
        Assert.Equal(1, Value("escalation_model_fits_total", ("theater", theater), ("outcome", "failure")));
        Assert.Equal(2, Value("escalation_model_fit_duration_seconds_count", ("theater", theater)));
        Assert.Equal(0.9, Value("escalation_model_fit_duration_seconds_sum", ("theater", theater)), 6);
        Assert.Equal(2, Value("escalation_model_fit_duration_seconds_bucket", ("theater", theater), ("le", "+Inf")));
        Assert.Equal(71, Value("escalation_risk_score", ("theater", theater)));
        Assert.Equal(0.83, Value("escalation_risk_probability", ("theater", theater)), 6);
        foreach (var counter in new[] { "raised", "delivered", "failed", "deadlettered" })
        {
            Assert.True(Value($"escalation_alerts_{counter}_total") >= 1, $"escalation_alerts_{counter}_total missing:\n{text}");
        }
        Assert.True(Value("escalation_webhook_delivery_latency_seconds_count") >= 1, text);
        Assert.True(Has("escalation_webhook_delivery_latency_seconds_bucket"), text);
        Assert.True(samples.Any(s => s.Name == "escalation_projection_lag_events" && s.Labels.ContainsKey("projection")), text);
        Assert.True(Has("http_server_request_duration_seconds_bucket"), text);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var response = await service.Host.Server.CreateClient().GetAsync("/api/v1/theaters");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
