using System.Diagnostics.Metrics;
using Marten;

namespace EscalationForecast.Api.Operations.Telemetry;

/// <summary>How far each async projection is behind the newest stored event, as read from the database.</summary>
public sealed record ProjectionLag(long HighestSequence, IReadOnlyDictionary<string, long> Behind, DateTimeOffset ReadAt);

/// <summary>
/// Reads the async projections' progress (Marten's <c>AllProjectionProgress</c>) against the highest event sequence.
/// Any node can read it, whichever node runs the daemon. The readiness probe reads afresh (two small queries per
/// probe); the metrics gauge answers the last reading and refreshes it in the background when older than 5 s.
/// </summary>
public sealed class ProjectionLagMonitor(IDocumentStore store, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private ProjectionLag? _last;

    public ProjectionLag? Last => _last;

    /// <summary>A reading no older than <paramref name="maxAge"/> (zero: read now).</summary>
    public async Task<ProjectionLag> ReadAsync(TimeSpan maxAge, CancellationToken ct)
    {
        if (_last is { } fresh && clock.GetUtcNow() - fresh.ReadAt < maxAge)
        {
            return fresh;
        }
        await _reading.WaitAsync(ct);
        try
        {
            if (_last is { } other && clock.GetUtcNow() - other.ReadAt < maxAge)
            {
                return other;
            }
            var database = store.Storage.Database;
            var highest = await database.FetchHighestEventSequenceNumber(ct);
            var progress = (await database.AllProjectionProgress(ct))
                .Where(s => s.ShardName != "HighWaterMark")
                .ToDictionary(s => s.ShardName, s => s.Sequence, StringComparer.Ordinal);
            // Only what this service runs: a progress row can outlive the projection or subscription that wrote it.
            var behind = ExpectedShards().Distinct()
                .ToDictionary(s => s, s => Math.Max(0, highest - progress.GetValueOrDefault(s)), StringComparer.Ordinal);
            return _last = new ProjectionLag(highest, behind, clock.GetUtcNow());
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// The observable gauge's callback: answers the cached reading at once and refreshes it in the background
    /// when it is stale, so a scrape never waits on the database.
    /// </summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        if (_last is null || clock.GetUtcNow() - _last.ReadAt >= MaxAge)
        {
            _ = Task.Run(async () =>
            {
                try { await ReadAsync(MaxAge, CancellationToken.None); }
                catch (Exception) { /* the database is away: keep the last reading; readiness reports it */ }
            });
        }
        return _last is { } lag
            ? lag.Behind.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("projection", p.Key)))
            : [];
    }

    /// <summary>Async projections that have not written progress yet are as far behind as the whole store.</summary>
    private IEnumerable<string> ExpectedShards() =>
        ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name.Identity);
}
