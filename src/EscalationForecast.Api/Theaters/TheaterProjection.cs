using EscalationForecast.Api.Events;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Keeps <see cref="IncidentView"/>, <see cref="DailyBucket"/> and <see cref="TheaterView"/> from the theater
/// streams. A revision moves its incident between buckets and a retraction removes it, which needs the
/// incident's previous state: so this folds a whole page of events at once, loading what it touches in three
/// round trips rather than per event. Runs in the async daemon (off the ingestion path).
/// </summary>
public sealed class TheaterProjection : IProjection
{
    public const string Name = "Theaters";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var data = events.Select(e => e.Data).OfType<ITheaterEvent>().ToList();
        var incidents = await LoadIncidentsAsync(operations, data, ct);
        var theaters = (await operations.LoadManyAsync<TheaterView>(ct, data.Select(e => e.TheaterId).Distinct()))
            .ToDictionary(t => t.Id);
        var deltas = new Dictionary<string, (string Theater, string Channel, DateOnly Date, int Count, int Severity)>();
        var changed = new HashSet<string>();

        foreach (var e in data)
        {
            var before = e switch
            {
                IncidentRevised x => incidents.GetValueOrDefault(x.IncidentId),
                IncidentRetracted x => incidents.GetValueOrDefault(x.IncidentId),
                _ => null,
            };
            if (before is { Retracted: true })
            {
                continue; // a retraction is final: later corrections of it change nothing
            }
            var after = e switch
            {
                IncidentReported x => IncidentView.Create(x),
                IncidentRevised x when before is not null => before.Apply(x),
                IncidentRetracted x when before is not null => before.Apply(x),
                _ => null,
            };
            if (before is not null) Count(deltas, before, -1);
            if (after is not null)
            {
                if (!after.Retracted) Count(deltas, after, +1);
                incidents[after.Id] = after;
                changed.Add(after.Id);
            }
            theaters[e.TheaterId] = theaters.GetValueOrDefault(e.TheaterId, TheaterView.Empty(e.TheaterId)).Apply(e);
        }

        var buckets = (await operations.LoadManyAsync<DailyBucket>(ct, deltas.Keys)).ToDictionary(b => b.Id);
        foreach (var (id, delta) in deltas)
        {
            var bucket = buckets.GetValueOrDefault(id, DailyBucket.Empty(delta.Theater, delta.Channel, delta.Date));
            operations.Store(bucket.Add(delta.Count, delta.Severity));
        }
        operations.Store(changed.Select(id => incidents[id]).ToArray());
        operations.Store(theaters.Values.ToArray());
    }

    private static async Task<Dictionary<string, IncidentView>> LoadIncidentsAsync(
        IDocumentOperations operations, List<ITheaterEvent> data, CancellationToken ct)
    {
        var referenced = data.Select(e => e switch
        {
            IncidentRevised x => x.IncidentId,
            IncidentRetracted x => x.IncidentId,
            _ => null,
        }).OfType<string>().Distinct().ToArray();
        var loaded = referenced.Length == 0 ? [] : await operations.LoadManyAsync<IncidentView>(ct, referenced);
        return loaded.ToDictionary(i => i.Id);
    }

    private static void Count(
        Dictionary<string, (string Theater, string Channel, DateOnly Date, int Count, int Severity)> deltas,
        IncidentView incident, int sign)
    {
        var day = incident.OccurredAt.Day;
        var id = DailyBucket.IdOf(incident.TheaterId, incident.Channel, day);
        var (_, _, _, count, severity) = deltas.GetValueOrDefault(id, (incident.TheaterId, incident.Channel, day, 0, 0));
        deltas[id] = (incident.TheaterId, incident.Channel, day, count + sign, severity + sign * incident.Severity);
    }
}
