using System.Collections.Concurrent;
using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Events.Ingesting;
using JasperFx.Events;
using Marten;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Theater histories as known at any time, from each theater's stream kept in memory: the first read of a
/// theater loads its stream, every later read asks the store only for the events appended since (one query,
/// usually answering nothing). A stream is append-only, so what was read once never changes; time travel, the
/// live board, refits and backtests then fold a few thousand events in memory instead of loading and
/// deserialising them from the database on every question. Events this node stores are added as they commit
/// (<see cref="Committed"/>), so the reads after an ingest find them without asking the store. The theater as known
/// now is kept folded too and extended with the events added since (<see cref="TheaterHistory.Extend"/>), so the
/// live board and the refits, which ask about the present every few seconds while a feed or an import appends,
/// neither fold nor sort the whole theater again.
/// </summary>
public sealed class TheaterHistories(IDocumentStore store) : ICommittedEventsListener
{
    /// <summary>
    /// The stream up to <c>Version</c>, and the theater folded over its first <c>Folded</c> events (caught up on the
    /// next read), as known at <c>LastRecordedAt</c> and later.
    /// </summary>
    private sealed record Kept(long Version, ITheaterEvent[] Events, TheaterHistory? Latest, int Folded, DateTimeOffset LastRecordedAt)
    {
        public static readonly Kept Nothing = new(0, [], null, 0, DateTimeOffset.MinValue);

        public Kept With(long version, ITheaterEvent[] added) => this with
        {
            Version = version,
            Events = [.. Events, .. added],
            LastRecordedAt = added.Aggregate(LastRecordedAt, (last, e) => e.RecordedAt > last ? e.RecordedAt : last),
        };

        /// <summary>Extended by events read from the store (consecutive versions, ending the stream as read).</summary>
        public Kept With(IReadOnlyList<IEvent> read) => With(read[^1].Version, read.Select(e => e.Data).OfType<ITheaterEvent>().ToArray());

        public Kept CaughtUp(string theaterId) => Folded == Events.Length ? this : this with
        {
            Latest = Latest?.Extend(Events[Folded..]) ?? TheaterHistory.Fold(theaterId, Events),
            Folded = Events.Length,
        };
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

    /// <summary>
    /// Events this node has just committed to a theater's stream, from <paramref name="firstVersion"/> on, in order:
    /// held for the theater's next read, which takes them instead of fetching them from the store. Only for a
    /// theater this node already holds, and at most <see cref="MaxPending"/> events of it (the read fetches the rest).
    /// </summary>
    public void Committed(string theaterId, long firstVersion, ITheaterEvent[] events)
    {
        if (events.Length == 0 || !_streams.ContainsKey(theaterId)) return;
        var pending = _pending.GetOrAdd(theaterId, _ => new Pending());
        lock (pending)
        {
            if (pending.Count + events.Length > MaxPending || pending.Segments.ContainsKey(firstVersion)) return;
            pending.Segments.Add(firstVersion, events);
            pending.Count += events.Length;
        }
    }

    /// <summary>How many committed events a theater holds for its next read, at most.</summary>
    public const int MaxPending = 200_000;

    private sealed class Pending
    {
        public SortedList<long, ITheaterEvent[]> Segments { get; } = [];
        public int Count { get; set; }
    }

    private readonly ConcurrentDictionary<string, Pending> _pending = new();

    /// <summary>The segments held for the theater, by first version, and none held any more.</summary>
    private KeyValuePair<long, ITheaterEvent[]>[] TakePending(string theaterId)
    {
        if (!_pending.TryGetValue(theaterId, out var pending)) return [];
        lock (pending)
        {
            var segments = pending.Segments.ToArray();
            pending.Segments.Clear();
            pending.Count = 0;
            return segments;
        }
    }

    private async Task<Kept> ReadAsync(string theaterId, CancellationToken ct)
    {
        var reading = _reading.GetOrAdd(theaterId, _ => new SemaphoreSlim(1, 1));
        await reading.WaitAsync(ct); // one reader per theater extends the stream; the others then find it extended
        try
        {
            var kept = _streams.GetValueOrDefault(theaterId) ?? Kept.Nothing;
            await using var session = store.QuerySession();
            // This node's own commits first, fetching from the store only what lies between them (another node's or
            // another writer's events), then whatever came after.
            foreach (var (first, events) in TakePending(theaterId))
            {
                if (first <= kept.Version) continue; // read from the store meanwhile
                if (first > kept.Version + 1)
                {
                    var between = await session.Events.FetchStreamAsync(theaterId, version: first - 1, fromVersion: kept.Version + 1, token: ct);
                    if (between.Count == 0 || between[0].Version != kept.Version + 1 || between[^1].Version != first - 1) break;
                    kept = kept.With(between);
                }
                if (first == kept.Version + 1) kept = kept.With(first + events.Length - 1, events);
            }
            var newer = await session.Events.FetchStreamAsync(theaterId, fromVersion: kept.Version + 1, token: ct);
            if (newer.Count > 0 && newer[0].Version != kept.Version + 1) // never expected: read the whole stream rather than keep a gap
            {
                kept = Kept.Nothing;
                newer = await session.Events.FetchStreamAsync(theaterId, token: ct);
            }
            if (newer.Count > 0) kept = kept.With(newer);
            kept = kept.CaughtUp(theaterId);
            _streams[theaterId] = kept;
            return kept;
        }
        finally
        {
            reading.Release();
        }
    }
}
