using System.Diagnostics;

namespace EscalationForecast.Api.Operations.Telemetry;

/// <summary>
/// Spans of the service's own work: ingestion, model fit, forecast and webhook delivery, each tagged with
/// <c>theater.id</c>. They start only when a listener (the OpenTelemetry SDK) samples them; callers dispose them.
/// </summary>
public static class EscalationActivities
{
    public const string SourceName = "EscalationForecast";
    public const string TheaterTag = "theater.id";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A batch entering the store; a batch of several theaters lists them comma-separated.</summary>
    public static Activity? Ingest(IEnumerable<string> theaters, int items)
    {
        var activity = Source.StartActivity("escalation.ingest");
        activity?.SetTag(TheaterTag, string.Join(',', theaters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(20)));
        activity?.SetTag("escalation.batch.items", items);
        return activity;
    }

    public static Activity? Fit(string theater) => Start("escalation.fit", theater);
    public static Activity? Forecast(string theater) => Start("escalation.forecast", theater);
    public static Activity? Deliver(string theater) => Start("escalation.deliver", theater, ActivityKind.Client);

    /// <summary>Marks a span failed with the exception's type (never its message: it may carry data).</summary>
    public static void Fail(this Activity? activity, Exception ex)
    {
        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        activity?.SetTag("error.type", ex.GetType().FullName);
    }

    private static Activity? Start(string name, string theater, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        activity?.SetTag(TheaterTag, theater);
        return activity;
    }
}
