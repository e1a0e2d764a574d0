using System.Text.Json;
using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>
/// One alert's delivery to its rule's webhook (id = alert id): the exact body that is signed and sent on every
/// attempt, and where it stands. <see cref="DeliveryStatus.Delivered"/> is final: a 2xx is never followed by
/// another send of the same alert.
/// </summary>
public sealed record AlertDelivery(
    string Id, string RuleId, string TheaterId, string Kind, string Body, DateTimeOffset RecordedAt,
    string Status, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError, DateTimeOffset? DeliveredAt)
{
    public static AlertDelivery For(IAlertEvent alert) => new(
        alert.AlertId, alert.RuleId, alert.TheaterId, AlertKinds.Of(alert), AlertPayload.Serialize(alert), alert.At,
        DeliveryStatus.Pending, 0, null, null, null);
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";
    public const string Abandoned = "abandoned"; // the rule was deleted before delivery
}

/// <summary>The webhook body, as the spec fixes it.</summary>
public sealed record AlertPayload(
    string AlertId, string RuleId, string TheaterId, string Kind, string Metric, double Value, double Threshold, DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Json = JsonConfiguration.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string Serialize(IAlertEvent alert) => JsonSerializer.Serialize(
        new AlertPayload(alert.AlertId, alert.RuleId, alert.TheaterId, AlertKinds.Of(alert), alert.Metric, alert.Value, alert.Threshold, alert.At), Json);
}
