using EscalationForecast.Api.Forecasts.Risk;

namespace EscalationForecast.Api.Alerts;

/// <summary>
/// A threshold rule (a Marten document: rules are configuration that is created and removed, not history;
/// what they raised is history, the <see cref="AlertRaised"/>/<see cref="AlertCleared"/> events).
/// <see cref="Secret"/> signs deliveries; it is stored, never answered and never logged.
/// </summary>
public sealed record AlertRule(
    string Id, string TheaterId, string Metric, int HorizonDays, double Threshold, double ClearBelow,
    string WebhookUrl, string Secret, DateTimeOffset CreatedAt)
{
    /// <summary>What this is: never the secret (records print every property).</summary>
    public override string ToString() => $"AlertRule {Id} ({TheaterId} {Metric} {HorizonDays}d >= {Threshold})";
}

/// <summary>
/// Where a rule stands (id = rule id): breached or clear, and the version of its alert stream, so that an
/// evaluation appends at the version it read and two evaluations never both record the same transition.
/// </summary>
public sealed record AlertRuleState(string Id, bool Breached, long Version, double? LastValue, DateTimeOffset? EvaluatedAt)
{
    public static AlertRuleState New(string ruleId) => new(ruleId, false, 0, null, null);
}

public static class AlertMetrics
{
    public const string ProbabilityAtLeastOne = "probabilityAtLeastOne";
    public const string ExpectedEvents = "expectedEvents";
    public const string Score = "score";

    public static readonly string[] All = [ProbabilityAtLeastOne, ExpectedEvents, Score];

    public static double Of(RiskDocument risk, string metric) => metric switch
    {
        ProbabilityAtLeastOne => risk.ProbabilityAtLeastOne,
        ExpectedEvents => risk.ExpectedEvents,
        Score => risk.Score,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown alert metric."),
    };
}

public static class AlertStreams
{
    /// <summary>Theater ids have no colon, so a rule's alert stream never meets a theater stream.</summary>
    public static string Of(string ruleId) => $"alert:{ruleId}";
}
