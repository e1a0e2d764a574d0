using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EscalationForecast.Api.Operations.Telemetry;

/// <summary>
/// The service's own instruments on the meter <c>EscalationForecast</c>. Names and units are chosen so the
/// Prometheus exporter prints exactly the names the Grafana dashboard and alert rules in <c>deploy/compose</c>
/// query: <c>escalation.events.ingested</c> becomes <c>escalation_events_ingested_total</c>, a histogram in
/// unit <c>s</c> gains <c>_seconds</c>, a gauge in unit <c>events</c> gains <c>_events</c>.
/// </summary>
public sealed class EscalationMetrics
{
    public const string MeterName = "EscalationForecast";

    private readonly Counter<long> _eventsIngested;
    private readonly Counter<long> _batchesRejected;
    private readonly Counter<long> _modelFits;
    private readonly Histogram<double> _modelFitDuration;
    private readonly Counter<long> _alertsRaised;
    private readonly Counter<long> _alertsDelivered;
    private readonly Counter<long> _alertsFailed;
    private readonly Counter<long> _alertsDeadLettered;
    private readonly Histogram<double> _webhookLatency;
    private readonly ConcurrentDictionary<string, (double Score, double Probability)> _risk = new(StringComparer.Ordinal);

    public EscalationMetrics(IMeterFactory meters, ProjectionLagMonitor lag)
    {
        var meter = meters.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>("escalation.events.ingested", description: "Events stored, by type and theater (duplicates not counted).");
        _batchesRejected = meter.CreateCounter<long>("escalation.batches.rejected", description: "Batches refused whole: invalid items, id conflicts, unreadable or oversized bodies.");
        _modelFits = meter.CreateCounter<long>("escalation.model.fits", description: "Model fits by theater and outcome (success, failure).");
        _modelFitDuration = meter.CreateHistogram("escalation.model.fit.duration", unit: "s", description: "Wall time of a model fit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        meter.CreateObservableGauge("escalation.risk.score", () => _risk.Select(r => Measurement(r.Value.Score, r.Key)),
            description: "Latest risk score (0-100) per theater.");
        meter.CreateObservableGauge("escalation.risk.probability", () => _risk.Select(r => Measurement(r.Value.Probability, r.Key)),
            description: "Latest probability of at least one event in the 7-day horizon, per theater.");
        _alertsRaised = meter.CreateCounter<long>("escalation.alerts.raised", description: "Alerts raised (breaches and clearances).");
        _alertsDelivered = meter.CreateCounter<long>("escalation.alerts.delivered", description: "Webhook deliveries answered with a 2xx.");
        _alertsFailed = meter.CreateCounter<long>("escalation.alerts.failed", description: "Webhook delivery attempts that failed (retried).");
        _alertsDeadLettered = meter.CreateCounter<long>("escalation.alerts.deadlettered", description: "Webhook deliveries given up on and dead-lettered.");
        _webhookLatency = meter.CreateHistogram("escalation.webhook.delivery.latency", unit: "s", description: "From alert raised to the webhook's 2xx.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });
        meter.CreateObservableGauge("escalation.projection.lag", lag.Observe, unit: "events",
            description: "Events stored but not yet processed, per async projection (cached reading).");
    }

    public void EventsIngested(string type, string theater, long count) =>
        _eventsIngested.Add(count, new("type", type), new("theater", theater));

    public void BatchRejected() => _batchesRejected.Add(1);

    public void ModelFitted(string theater, bool success, double seconds)
    {
        _modelFits.Add(1, new("theater", theater), new("outcome", success ? "success" : "failure"));
        _modelFitDuration.Record(seconds, new KeyValuePair<string, object?>("theater", theater));
    }

    /// <summary>Keeps the latest score and probability of a theater for the observable gauges.</summary>
    public void RiskChanged(string theater, double score, double probability) => _risk[theater] = (score, probability);

    public void AlertRaised() => _alertsRaised.Add(1);
    public void AlertDelivered(TimeSpan latency)
    {
        _alertsDelivered.Add(1);
        _webhookLatency.Record(latency.TotalSeconds);
    }
    public void AlertFailed() => _alertsFailed.Add(1);
    public void AlertDeadLettered() => _alertsDeadLettered.Add(1);

    private static Measurement<double> Measurement(double value, string theater) =>
        new(value, new KeyValuePair<string, object?>("theater", theater));
}
