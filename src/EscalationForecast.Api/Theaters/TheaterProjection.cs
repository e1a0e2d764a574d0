using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Folding;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Keeps <see cref="DailyBucket"/> and <see cref="TheaterView"/> from the theater streams, a page of events at a
/// time in the async daemon (off the ingestion path), through the theater's one fold (<see cref="TheaterFold"/>).
/// A revision moves its incident between buckets and a retraction removes it, which needs the incident's state
/// just before: for the theaters whose page holds a correction (rare), that state comes from folding the stream's
/// earlier events; every other page only adds.
/// </summary>
public sealed class TheaterProjection : IProjection
{
    public const string Name = "Theaters";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var page = events.Where(e => e.Data is ITheaterEvent).ToList();
        var known = await IncidentsBeforeCorrectionsAsync(operations, page, ct);
        var views = (await operations.LoadManyAsync<TheaterView>(ct, page.Select(e => e.StreamKey!).Distinct())).ToDictionary(t => t.Id);
        var (folded, deltas) = Fold(page.Select(e => (ITheaterEvent)e.Data).ToList(), views, known);
        var stored = (await operations.LoadManyAsync<DailyBucket>(ct, deltas.Keys)).ToDictionary(b => b.Id);
        operations.Store(deltas.Values.Select(d => stored.TryGetValue(d.Id, out var s) ? s.Add(d.Count, d.Severity) : d).ToArray());
        operations.Store(folded);
    }

    /// <summary>
    /// A page folded onto the theaters' stored views: their new views, and what the page adds to (or takes from)
    /// each daily bucket. <paramref name="known"/> holds, for each theater with a correction in the page, its
    /// incidents before the page.
    /// </summary>
    public static (TheaterView[] Views, Dictionary<string, DailyBucket> Deltas) Fold(IReadOnlyList<ITheaterEvent> page,
        IReadOnlyDictionary<string, TheaterView> views, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IncidentView>> known)
    {
        var folds = new Dictionary<string, TheaterFold>(StringComparer.Ordinal);
        var deltas = new Dictionary<string, DailyBucket>(StringComparer.Ordinal);
        foreach (var e in page)
        {
            if (!folds.TryGetValue(e.TheaterId, out var fold))
            {
                folds[e.TheaterId] = fold = TheaterFold.From(views.GetValueOrDefault(e.TheaterId) ?? TheaterView.Empty(e.TheaterId),
                    known.GetValueOrDefault(e.TheaterId) ?? new Dictionary<string, IncidentView>());
            }
            if (fold.Apply(e) is not { } change) continue;
            if (change.Before is { } before) Count(deltas, before, -1);
            if (!change.After.Retracted) Count(deltas, change.After, +1);
        }
        return (folds.Values.Select(f => f.View).ToArray(), deltas);
    }

    /// <summary>For each theater with a revision or retraction in the page, its incidents as of the page's start.</summary>
    private static async Task<Dictionary<string, IReadOnlyDictionary<string, IncidentView>>> IncidentsBeforeCorrectionsAsync(
        IDocumentOperations operations, List<IEvent> page, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, IncidentView>>(StringComparer.Ordinal);
        foreach (var theater in page.Where(e => e.Data is IncidentRevised or IncidentRetracted).GroupBy(e => e.StreamKey!))
        {
            var start = page.Where(e => e.StreamKey == theater.Key).Min(e => e.Sequence);
            var earlier = await operations.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey == theater.Key && e.Sequence < start)
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            result[theater.Key] = TheaterHistory.Fold(theater.Key, earlier.Select(e => e.Data).OfType<ITheaterEvent>()).Incidents;
        }
        return result;
    }

    private static void Count(Dictionary<string, DailyBucket> deltas, IncidentView incident, int sign)
    {
        var day = incident.OccurredAt.Day;
        var id = DailyBucket.IdOf(incident.TheaterId, incident.Channel, day);
        deltas[id] = deltas.GetValueOrDefault(id, DailyBucket.Empty(incident.TheaterId, incident.Channel, day))
            .Add(sign, sign * incident.Severity);
    }
}
