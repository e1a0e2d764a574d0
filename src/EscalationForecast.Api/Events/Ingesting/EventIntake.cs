using System.Text.Json;
using EscalationForecast.Api.Operations.Telemetry;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The one way events enter a theater's stream: posted items (HTTP clients and the in-process sample import) are
/// validated first, every error reported; events the service builds itself (a theater's description) arrive
/// already checked by their endpoint. Either way the whole batch is appended or nothing, idempotently by id
/// (<see cref="EventAppender"/>), and handed to this node's in-memory histories.
/// </summary>
public sealed class EventIntake(EventAppender appender, TimeProvider clock, EscalationMetrics metrics, IngestionLimits limits)
{
    public Task<AppendOutcome> SubmitAsync(IReadOnlyList<JsonElement> items, CancellationToken ct) =>
        TracedAsync(items.Select(TheaterOf).OfType<string>(), items.Count, () => ValidateAndAppendAsync(items, ct));

    /// <summary>Events built in the service, recorded as of their <c>RecordedAt</c> (the caller's clock reading).</summary>
    public Task<AppendOutcome> SubmitAsync(IReadOnlyList<ITheaterEvent> events, CancellationToken ct) =>
        TracedAsync(events.Select(e => e.TheaterId), events.Count, () => appender.AppendAsync(events, ct));

    private async Task<AppendOutcome> TracedAsync(IEnumerable<string> theaters, int count, Func<Task<AppendOutcome>> submit)
    {
        using var span = EscalationActivities.Ingest(theaters, count);
        var outcome = await submit();
        span?.SetTag("escalation.outcome", outcome.GetType().Name.ToLowerInvariant());
        if (outcome is not AppendOutcome.Stored)
        {
            metrics.BatchRejected();
        }
        return outcome;
    }

    private async Task<AppendOutcome> ValidateAndAppendAsync(IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ItemErrors(limits.MaxItemErrors);
        var batch = new List<ITheaterEvent>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (EventItemReader.Read(items[index], index, now, errors, limits) is { } e)
            {
                batch.Add(e);
            }
        }
        return errors.Total > 0
            ? new AppendOutcome.Rejected(errors)
            : await appender.AppendAsync(batch, ct);
    }

    private static string? TheaterOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("theaterId", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
}
