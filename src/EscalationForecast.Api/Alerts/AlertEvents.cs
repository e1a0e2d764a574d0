namespace EscalationForecast.Api.Alerts;

/// <summary>A breach or a clearance, as stored in the rule's alert stream and as listed and delivered.</summary>
public interface IAlertEvent
{
    string AlertId { get; }
    string RuleId { get; }
    string TheaterId { get; }
    string Metric { get; }
    int HorizonDays { get; }
    double Value { get; }
    double Threshold { get; }
    double ClearBelow { get; }
    DateTimeOffset At { get; }
}

/// <summary>The rule's metric reached its threshold (kind <c>breached</c>).</summary>
public sealed record AlertRaised(
    string AlertId, string RuleId, string TheaterId, string Metric, int HorizonDays,
    double Value, double Threshold, double ClearBelow, DateTimeOffset At) : IAlertEvent;

/// <summary>The rule's metric fell below its <c>clearBelow</c> after a breach (kind <c>cleared</c>).</summary>
public sealed record AlertCleared(
    string AlertId, string RuleId, string TheaterId, string Metric, int HorizonDays,
    double Value, double Threshold, double ClearBelow, DateTimeOffset At) : IAlertEvent;

public static class AlertKinds
{
    public const string Breached = "breached";
    public const string Cleared = "cleared";

    /// <summary>The stored event type names.</summary>
    public const string RaisedType = "alert-raised";
    public const string ClearedType = "alert-cleared";

    public static string Of(IAlertEvent e) => e is AlertRaised ? Breached : Cleared;

    /// <summary>The kind of a stored event type name.</summary>
    public static string Of(string storedType) => storedType == RaisedType ? Breached : Cleared;
}
