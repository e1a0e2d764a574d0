namespace EscalationForecast.Api.Alerts.Rules;

/// <summary>
/// A rule as answered: everything but its secret, and where it stands. Its webhook URL is whole only for a caller
/// with the admin scope: a Slack or Teams URL carries its token in the path, so others see its scheme and host.
/// </summary>
public sealed record AlertRuleView(
    string Id, string TheaterId, string Metric, int HorizonDays, double Threshold, double ClearBelow,
    string WebhookUrl, DateTimeOffset CreatedAt, string State, double? LastValue, DateTimeOffset? EvaluatedAt)
{
    public static AlertRuleView Of(AlertRule rule, AlertRuleState? state, bool wholeUrl) => new(
        rule.Id, rule.TheaterId, rule.Metric, rule.HorizonDays, rule.Threshold, rule.ClearBelow, wholeUrl ? rule.WebhookUrl : Redacted(rule.WebhookUrl),
        rule.CreatedAt, state is { Breached: true } ? AlertKinds.Breached : "clear", state?.LastValue, state?.EvaluatedAt);

    private static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "…";
}
