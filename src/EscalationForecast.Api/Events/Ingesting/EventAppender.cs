using JasperFx.Events;
using Marten;
using Npgsql;

namespace EscalationForecast.Api.Events.Ingesting;

public abstract record AppendOutcome
{
    public sealed record Stored(int Appended, int Duplicates, long LastSequence) : AppendOutcome;
    public sealed record Conflicted(IReadOnlyList<ItemError> Conflicts) : AppendOutcome;
    public sealed record Rejected(IReadOnlyList<ItemError> Errors) : AppendOutcome;
}

/// <summary>
/// Appends a validated batch all-or-nothing. Each theater's events go to that theater's stream in one
/// transaction with their idempotency keys; when a concurrent batch commits an overlapping id first, the
/// key's primary key aborts ours and we decide again, so its items now count as duplicates.
/// </summary>
public sealed class EventAppender(IDocumentStore store, NpgsqlDataSource database)
{
    private const int MaxAttempts = 8;

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ITheaterEvent> batch, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await EventKey.LoadAsync(database, schema, ReferencedIds(batch), ct);
            var plan = IngestionPlan.Decide(batch, stored);
            if (plan.Conflicts.Count > 0)
            {
                return new AppendOutcome.Conflicted(plan.Conflicts);
            }
            if (plan.Errors.Count > 0)
            {
                return new AppendOutcome.Rejected(plan.Errors);
            }
            if (plan.New.Count == 0)
            {
                return new AppendOutcome.Stored(0, plan.Duplicates, await LastSequenceAsync(ct));
            }

            await using var session = store.LightweightSession();
            // Writers of the same theater take turns (a transaction-scoped advisory lock, in a fixed order so two
            // batches never deadlock), so no two appends race for the stream's next version.
            foreach (var theater in plan.New.Select(e => e.TheaterId).Distinct().Order(StringComparer.Ordinal))
            {
                session.QueueSqlCommand("select pg_advisory_xact_lock(hashtextextended(?, 7461))", theater);
            }
            EventKey.QueueInsert(session, plan.NewKeys); // before the events, so a collision aborts before any is sequenced
            var streams = plan.New.GroupBy(e => e.TheaterId)
                .Select(theater => session.Events.Append(theater.Key, theater.Cast<object>().ToArray()))
                .ToList();
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConcurrentWrite(ex))
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
                continue;
            }
            var lastSequence = streams.SelectMany(s => s.Events).Max(e => e.Sequence);
            return new AppendOutcome.Stored(plan.New.Count, plan.Duplicates, lastSequence);
        }
    }

    private static IEnumerable<string> ReferencedIds(IReadOnlyList<ITheaterEvent> batch)
    {
        foreach (var e in batch)
        {
            yield return e.Id;
            switch (e)
            {
                case IncidentRevised x: yield return x.IncidentId; break;
                case IncidentRetracted x: yield return x.IncidentId; break;
                case CeasefireEnded x: yield return x.CeasefireId; break;
            }
        }
    }

    private async Task<long> LastSequenceAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Another batch committed first: an overlapping id, or (without the lock, on an old server) a stream version.</summary>
    private static bool IsConcurrentWrite(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or EventStreamUnexpectedMaxEventIdException)
            {
                return true;
            }
        }
        return false;
    }
}
