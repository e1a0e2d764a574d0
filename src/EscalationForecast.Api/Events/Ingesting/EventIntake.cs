using System.Text.Json;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The one way events enter the store, for HTTP clients and the in-process sample loader alike: every item
/// validated (all errors reported), then the whole batch appended or nothing.
/// </summary>
public sealed class EventIntake(EventAppender appender, TimeProvider clock)
{
    public async Task<AppendOutcome> SubmitAsync(IReadOnlyList<JsonElement> items, CancellationToken ct)
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
}
