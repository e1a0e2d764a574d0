using System.Text.Json;
using EscalationForecast.Api.Operations.Telemetry;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The one way events enter the store, for HTTP clients and the in-process sample loader alike: every item
/// validated (all errors reported), then the whole batch appended or nothing.
/// </summary>
public sealed class EventIntake(EventAppender appender, TimeProvider clock, EscalationMetrics metrics)
{
    public async Task<AppendOutcome> SubmitAsync(IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        using var span = EscalationActivities.Ingest(items.Select(TheaterOf).OfType<string>(), items.Count);
        var outcome = await ValidateAndAppendAsync(items, ct);
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
        var errors = new List<ItemError>();
        var batch = new List<ITheaterEvent>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (EventItemReader.Read(items[index], index, now, errors) is { } e)
            {
                batch.Add(e);
            }
        }
        return errors.Count > 0
            ? new AppendOutcome.Rejected(errors)
            : await appender.AppendAsync(batch, ct);
    }

    private static string? TheaterOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("theaterId", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
}
