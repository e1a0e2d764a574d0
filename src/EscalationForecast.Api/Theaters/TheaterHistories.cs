using System.Collections.Concurrent;
using EscalationForecast.Api.Events;
using Marten;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Theater histories as known at any time, from each theater's stream kept in memory: the first read of a
/// theater loads its stream, every later read asks the store only for the events appended since (one query,
/// usually answering nothing). A stream is append-only, so what was read once never changes; time travel, the
/// live board, refits and backtests then fold a few thousand events in memory instead of loading and
/// deserialising them from the database on every question. The theater as known now is kept folded too and
/// extended with each read's new events (<see cref="TheaterHistory.Extend"/>), so the live board and the refits,
/// which ask about the present every few seconds while a feed or an import appends, neither fold nor sort the
/// whole theater again.
/// </summary>
public sealed class TheaterHistories(IDocumentStore store)
{
    /// <summary>The stream read so far, and the theater folded over all of it (as known at <c>LastRecordedAt</c> and later).</summary>
    private sealed record Kept(long Version, ITheaterEvent[] Events, TheaterHistory? Latest, DateTimeOffset LastRecordedAt)
    {
        public static readonly Kept Nothing = new(0, [], null, DateTimeOffset.MinValue);
    }

    private readonly ConcurrentDictionary<string, Kept> _streams = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reading = new();

    /// <summary>The theater folded over the events recorded by <paramref name="knownAt"/>; null when it has no stream.</summary>
    public async Task<TheaterHistory?> LoadAsync(string theaterId, DateTimeOffset knownAt, CancellationToken ct)
    {
        var kept = await ReadAsync(theaterId, ct);
        if (kept.Events.Length == 0) return null;
        return knownAt >= kept.LastRecordedAt ? kept.Latest : TheaterHistory.Fold(theaterId, kept.Events.Where(e => e.RecordedAt <= knownAt));
    }

    private async Task<Kept> ReadAsync(string theaterId, CancellationToken ct)
    {
        var reading = _reading.GetOrAdd(theaterId, _ => new SemaphoreSlim(1, 1));
        await reading.WaitAsync(ct); // one reader per theater extends the stream; the others then find it extended
        try
        {
            var kept = _streams.GetValueOrDefault(theaterId) ?? Kept.Nothing;
            await using var session = store.QuerySession();
            var newer = await session.Events.FetchStreamAsync(theaterId, fromVersion: kept.Version + 1, token: ct);
            if (newer.Count == 0) return kept;
            if (newer[0].Version != kept.Version + 1) // never expected: read the whole stream rather than keep a gap
            {
                kept = Kept.Nothing;
                newer = await session.Events.FetchStreamAsync(theaterId, token: ct);
            }
            var added = newer.Select(e => e.Data).OfType<ITheaterEvent>().ToArray();
            var lastRecordedAt = added.Aggregate(kept.LastRecordedAt, (last, e) => e.RecordedAt > last ? e.RecordedAt : last);
            var latest = kept.Latest?.Extend(added) ?? TheaterHistory.Fold(theaterId, added);
            var extended = new Kept(newer[^1].Version, [.. kept.Events, .. added], latest, lastRecordedAt);
            _streams[theaterId] = extended;
            return extended;
        }
        finally
        {
            reading.Release();
        }
    }
}
