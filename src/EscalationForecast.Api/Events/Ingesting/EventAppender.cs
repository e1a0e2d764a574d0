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
/// turns and never race for its stream's next version. Under that lock it claims the batch's new ids in the
/// idempotency index (<see cref="EventKey.ClaimAsync"/>), reads the keys of the ids that were already there and of
/// the ids the batch refers to, decides, and writes the events (<see cref="EventRows"/>). A batch that is
/// rejected rolls back, claims included. The keys' fingerprints are computed before the lock, so writers hold it
/// only for the database's work.
/// </summary>
public sealed class EventAppender(NpgsqlDataSource database, IDocumentStore store, EventRows rows, EscalationMetrics metrics)
{
    private const int MaxAttempts = 5;

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ITheaterEvent> batch, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var theaters = batch.Select(e => e.TheaterId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var keys = batch.Select(EventKey.Of).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await LockAsync(connection, theaters, ct);

            try
            {
                var claimed = await EventKey.ClaimAsync(connection, schema, keys, ct);
                var stored = await EventKey.LoadAsync(connection, schema, ReferencedIds(batch).Where(id => !claimed.Contains(id)), ct);
                var plan = IngestionPlan.Decide(batch, keys, stored);
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

                var lastSequence = await rows.AppendAsync(connection, plan.New, ct);
                await transaction.CommitAsync(ct);
                foreach (var ingested in plan.New.CountBy(e => (Type: EventKinds.Of(e), e.TheaterId)))
                {
                    metrics.EventsIngested(ingested.Key.Type, ingested.Key.TheaterId, ingested.Value);
                }
                return new AppendOutcome.Stored(plan.New.Count, plan.Duplicates, lastSequence);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
            {
                // A stream version written outside the theater locks, or batches of different theaters claiming shared ids in a cycle.
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
}
