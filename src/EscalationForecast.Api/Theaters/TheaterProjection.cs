using EscalationForecast.Api.Events;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Keeps <see cref="DailyBucket"/> and <see cref="TheaterView"/> from the theater streams, a page of events at a
/// time in the async daemon (off the ingestion path). A revision moves its incident between buckets and a
/// retraction removes it, which needs the incident's state just before: for the theaters whose page holds a
/// correction (rare), that state comes from folding the stream's earlier events; every other page only adds.
/// </summary>
public sealed class TheaterProjection : IProjection
{
    public const string Name = "Theaters";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var page = events.Where(e => e.Data is ITheaterEvent).ToList();
        var incidents = await IncidentsBeforeCorrectionsAsync(operations, page, ct);
        var theaters = (await operations.LoadManyAsync<TheaterView>(ct, page.Select(e => e.StreamKey!).Distinct()))
            .ToDictionary(t => t.Id);
        var deltas = new Dictionary<string, DailyBucket>();

        foreach (var e in page.Select(x => (ITheaterEvent)x.Data))
        {
            theaters[e.TheaterId] = theaters.GetValueOrDefault(e.TheaterId, TheaterView.Empty(e.TheaterId)).Apply(e);
            if (e is IncidentReported reported)
            {
                Count(deltas, IncidentView.Create(reported), +1);
            }
            if (!incidents.TryGetValue(e.TheaterId, out var known))
            {
                continue; // no correction in this theater's part of the page: nothing to remember
            }
            var (before, after) = e switch
            {
                IncidentReported x => (null, IncidentView.Create(x)),
                IncidentRevised x when known.GetValueOrDefault(x.IncidentId) is { Retracted: false } b => (b, b.Apply(x)),
                IncidentRetracted x when known.GetValueOrDefault(x.IncidentId) is { Retracted: false } b => (b, b.Apply(x)),
                _ => ((IncidentView?)null, (IncidentView?)null),
            };
            if (before is not null)
            {
                Count(deltas, before, -1);
                if (!after!.Retracted) Count(deltas, after, +1);
            }
            if (after is not null) known[after.Id] = after;
        }

        var stored = (await operations.LoadManyAsync<DailyBucket>(ct, deltas.Keys)).ToDictionary(b => b.Id);
        operations.Store(deltas.Values.Select(d => stored.TryGetValue(d.Id, out var s) ? s.Add(d.Count, d.Severity) : d).ToArray());
        operations.Store(theaters.Values.ToArray());
    }

    /// <summary>For each theater with a revision or retraction in the page, its incidents as of the page's start.</summary>
    private static async Task<Dictionary<string, Dictionary<string, IncidentView>>> IncidentsBeforeCorrectionsAsync(
        IDocumentOperations operations, List<IEvent> page, CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<string, IncidentView>>();
        foreach (var theater in page.Where(e => e.Data is IncidentRevised or IncidentRetracted).GroupBy(e => e.StreamKey!))
        {
            var start = page.Where(e => e.StreamKey == theater.Key).Min(e => e.Sequence);
            var earlier = await operations.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey == theater.Key && e.Sequence < start)
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            var history = TheaterHistory.Fold(theater.Key, earlier.Select(e => e.Data).OfType<ITheaterEvent>());
            result[theater.Key] = new Dictionary<string, IncidentView>(history.Incidents);
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
