using EscalationForecast.Api.Alerts.Evaluating;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Http;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wolverine.Marten;

namespace EscalationForecast.Api.Alerts.Rules;

/// <summary>The body of <c>POST /api/v1/alert-rules</c>, as the spec names its fields.</summary>
public sealed record AlertRuleRequest(
    string? TheaterId, string? Metric, int? HorizonDays, double? Threshold, double? ClearBelow, string? WebhookUrl, string? Secret);

/// <summary>A field that is wrong and how to fix it.</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>
/// <c>POST /api/v1/alert-rules</c>: validates and stores a rule, and asks for its first evaluation in the same
/// transaction (a theater already over the threshold breaches at once). The theater need not exist yet.
/// </summary>
public static class PostAlertRule
{
    public const int DefaultHorizonDays = 7;
    public const int MinSecretLength = 16;

    public static async Task<Results<Created<AlertRuleView>, ProblemHttpResult>> Handle(
        AlertRuleRequest body, HttpContext context, IDocumentSession session, IMartenOutbox outbox,
        IOptions<AlertingOptions> options, IServer server, TimeProvider clock, CancellationToken ct)
    {
        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>().ToArray() ?? [];
        var errors = Validate(body, options.Value.AllowedWebhookHosts, own, context.Request.Host.Value);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(
                $"The alert rule is invalid: '{errors[0].Field}' {errors[0].Reason}" + (errors.Count > 1 ? $" ({errors.Count} problems, listed in 'errors')." : ""),
                new Dictionary<string, object?> { ["errors"] = errors });
        }

        var now = clock.GetUtcNow();
        var threshold = body.Threshold!.Value;
        var rule = new AlertRule(Guid.CreateVersion7(now).ToString("N"), body.TheaterId!, body.Metric!,
            body.HorizonDays ?? DefaultHorizonDays, threshold, body.ClearBelow ?? 0.9 * threshold, body.WebhookUrl!, body.Secret!, now);
        outbox.Enroll(session);
        session.Insert(rule);
        await outbox.PublishAsync(new EvaluateAlerts(rule.TheaterId));
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/alert-rules/{rule.Id}", AlertRuleView.Of(rule, null, wholeUrl: true)); // its author sent it
    }

    public static List<FieldError> Validate(AlertRuleRequest body, IReadOnlyCollection<string> allowedHosts, IEnumerable<Uri> ownAddresses, string? requestAuthority)
    {
        var errors = new List<FieldError>();
        if (body.TheaterId is null || !Identifiers.IsName(body.TheaterId))
            errors.Add(new("theaterId", "must be a theater id: 1-64 characters of a-z, 0-9, '-' and '_' (the theater may not exist yet)."));
        if (body.Metric is null || !AlertMetrics.All.Contains(body.Metric))
            errors.Add(new("metric", $"must be one of: {string.Join(", ", AlertMetrics.All)}."));
        if (body.HorizonDays is < 1 or > 90)
            errors.Add(new("horizonDays", "must be a whole number of days from 1 to 90 (default 7)."));
        if (body.Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            errors.Add(new("threshold", "is required: the metric's value at or above which the rule breaches."));
        }
        else
        {
            var range = body.Metric switch
            {
                AlertMetrics.ProbabilityAtLeastOne when threshold is <= 0 or > 1 => "must be a probability above 0 and at most 1 for probabilityAtLeastOne.",
                AlertMetrics.Score when threshold is <= 0 or > 100 => "must be above 0 and at most 100 for score.",
                AlertMetrics.ExpectedEvents when threshold is <= 0 or > 1e6 => "must be a number of events above 0 (at most 1,000,000) for expectedEvents.",
                _ => null,
            };
            if (range is not null) errors.Add(new("threshold", range));
            if (body.ClearBelow is { } clear && (!double.IsFinite(clear) || clear < 0 || clear >= threshold))
                errors.Add(new("clearBelow", $"must be at least 0 and below threshold ({threshold}); omit it for 0.9 x threshold."));
        }
        if (string.IsNullOrWhiteSpace(body.WebhookUrl))
            errors.Add(new("webhookUrl", "is required: the http(s) URL alerts are POSTed to."));
        else if (WebhookTargets.Check(body.WebhookUrl, allowedHosts, ownAddresses, requestAuthority) is { } problem)
            errors.Add(new("webhookUrl", problem));
        if (body.Secret is not { Length: >= MinSecretLength and <= 1024 })
            errors.Add(new("secret", $"is required: {MinSecretLength} to 1,024 characters, the key of each delivery's HMAC-SHA256 signature."));
        return errors;
    }
}
