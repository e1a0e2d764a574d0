using System.Collections.Concurrent;
using EscalationForecast.Api.Events;
using Marten;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Theater histories as known at any time, from each theater's stream kept in memory: the first read of a
/// theater loads its stream, every later read asks the store only for the events appended since (one query,
/// usually answering nothing). A stream is append-only, so what was read once never changes; time travel, the
/// live board, refits and backtests then fold a few thousand events in memory instead of loading and
/// deserialising them from the database on every question.
/// </summary>
public sealed class TheaterHistories(IDocumentStore store)
{
    private sealed record Kept(long Version, ITheaterEvent[] Events);

    private readonly ConcurrentDictionary<string, Kept> _streams = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reading = new();

    /// <summary>The theater folded over the events recorded by <paramref name="knownAt"/>; null when it has no stream.</summary>
    public async Task<TheaterHistory?> LoadAsync(string theaterId, DateTimeOffset knownAt, CancellationToken ct)
    {
        var events = await EventsAsync(theaterId, ct);
        return events.Length == 0 ? null : TheaterHistory.Fold(theaterId, events.Where(e => e.RecordedAt <= knownAt));
    }

    private async Task<ITheaterEvent[]> EventsAsync(string theaterId, CancellationToken ct)
    {
        var reading = _reading.GetOrAdd(theaterId, _ => new SemaphoreSlim(1, 1));
        await reading.WaitAsync(ct); // one reader per theater extends the stream; the others then find it extended
        try
        {
            var kept = _streams.GetValueOrDefault(theaterId) ?? new Kept(0, []);
            await using var session = store.QuerySession();
            var newer = await session.Events.FetchStreamAsync(theaterId, fromVersion: kept.Version + 1, token: ct);
            if (newer.Count == 0) return kept.Events;
            if (newer[0].Version != kept.Version + 1) // never expected: read the whole stream rather than keep a gap
            {
                kept = new Kept(0, []);
                newer = await session.Events.FetchStreamAsync(theaterId, token: ct);
            }
            var extended = new Kept(newer[^1].Version, [.. kept.Events, .. newer.Select(e => e.Data).OfType<ITheaterEvent>()]);
            _streams[theaterId] = extended;
            return extended.Events;
        }
        finally
        {
            reading.Release();
        }
    }
}
