using JasperFx.Events;
using Marten;
using Npgsql;
using EscalationForecast.Api.Operations.Telemetry;

namespace EscalationForecast.Api.Events.Ingesting;

public abstract record AppendOutcome
{
    public sealed record Stored(int Appended, int Duplicates, long LastSequence) : AppendOutcome;
    public sealed record Conflicted(IReadOnlyList<ItemError> Conflicts) : AppendOutcome;
    public sealed record Rejected(IReadOnlyList<ItemError> Errors) : AppendOutcome;
}

/// <summary>
/// Appends a validated batch all-or-nothing, in one transaction: it first takes a transaction-scoped advisory
/// lock per theater of the batch (in a fixed order, so two batches never deadlock), so writers of a theater take
/// turns and never race for its stream's next version; under that lock it reads the stored keys, decides, writes
/// the new keys and then the events. An id re-used concurrently in another theater still collides on the keys'
/// primary key before any event is sequenced; that attempt rolls back and the batch is decided again.
/// </summary>
public sealed class EventAppender(IDocumentStore store, EscalationMetrics metrics)
{
    private const int MaxAttempts = 5;

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ITheaterEvent> batch, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var theaters = batch.Select(e => e.TheaterId).Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            await session.BeginTransactionAsync(ct);
            var connection = session.Connection;
            await LockAsync(connection, theaters, ct);

            var stored = await EventKey.LoadAsync(connection, schema, ReferencedIds(batch), ct);
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
                return new AppendOutcome.Stored(0, plan.Duplicates, await LastSequenceAsync(connection, ct));
            }

            try
            {
                await EventKey.InsertAsync(connection, schema, plan.NewKeys, ct);
                var streams = plan.New.GroupBy(e => e.TheaterId)
                    .Select(theater => session.Events.Append(theater.Key, theater.Cast<object>().ToArray()))
                    .ToList();
                await session.SaveChangesAsync(ct);
                foreach (var ingested in plan.New.CountBy(e => (Type: EventKinds.Of(e), e.TheaterId)))
                {
                    metrics.EventsIngested(ingested.Key.Type, ingested.Key.TheaterId, ingested.Value);
                }
                return new AppendOutcome.Stored(plan.New.Count, plan.Duplicates, streams.SelectMany(s => s.Events).Max(e => e.Sequence));
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConcurrentWrite(ex))
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, string[] theaters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select pg_advisory_xact_lock(hashtextextended(t, 7461)) from unnest($1::text[]) with ordinality as u(t, n) order by n",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = theaters });
        await command.ExecuteNonQueryAsync(ct);
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

    private async Task<long> LastSequenceAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Another batch committed an overlapping id (in another theater) or, on an unlocked path, a stream version.</summary>
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
