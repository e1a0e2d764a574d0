namespace EscalationForecast.Api.Alerts.Rules;

/// <summary>A rule as answered: everything but its secret, and where it stands.</summary>
public sealed record AlertRuleView(
    string Id, string TheaterId, string Metric, int HorizonDays, double Threshold, double ClearBelow,
    string WebhookUrl, DateTimeOffset CreatedAt, string State, double? LastValue, DateTimeOffset? EvaluatedAt)
{
    public static AlertRuleView Of(AlertRule rule, AlertRuleState? state) => new(
        rule.Id, rule.TheaterId, rule.Metric, rule.HorizonDays, rule.Threshold, rule.ClearBelow, rule.WebhookUrl,
        rule.CreatedAt, state is { Breached: true } ? AlertKinds.Breached : "clear", state?.LastValue, state?.EvaluatedAt);
}
