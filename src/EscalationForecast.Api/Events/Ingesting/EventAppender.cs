using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Api.Storage.EventTables;
using Marten;
using Npgsql;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace EscalationForecast.Api.Events.Ingesting;

public abstract record AppendOutcome
{
    public sealed record Stored(int Appended, int Duplicates, long LastSequence) : AppendOutcome;
    public sealed record Conflicted(ItemErrors Conflicts) : AppendOutcome;
    public sealed record Rejected(ItemErrors Errors) : AppendOutcome;
}

/// <summary>
/// Appends a validated batch all-or-nothing, in one transaction. It claims the batch's new ids in the idempotency
/// index (<see cref="EventKey.ClaimAsync"/>: a batch whose ids another open batch is claiming waits for it), reads
/// the keys of the ids that were already there and of the ids the batch refers to, decides, and writes the events
/// (<see cref="EventTableWriter"/>, which row-locks the theaters' streams, in a fixed order, until the commit:
/// writers of a theater take turns for its next versions). A batch that is rejected rolls back, claims included. A
/// stored batch whose theaters' risk inputs changed publishes <see cref="TheaterEventsAppended"/> through
/// Wolverine's outbox in the same transaction, and once committed tells the <see cref="ICommittedEventsListener"/>s
/// (this node's in-memory theater histories, so the live board and the refits it triggers do not read back and
/// deserialise what was just written). Each event's key and stored JSON are computed before the transaction
/// (<see cref="PreparedEvent"/>).
/// </summary>
public sealed class EventAppender(
    NpgsqlDataSource database, IDocumentStore store, EventTableWriter tables, IWolverineRuntime messaging,
    IEnumerable<ICommittedEventsListener> listeners, EscalationMetrics metrics, EventTableReader reader, IngestionLimits limits)
{
    private const int MaxAttempts = 5;
    private readonly ICommittedEventsListener[] _listeners = listeners.ToArray();
    private volatile bool _indexesFilled; // once per process: the indexes of a store whose events predate them

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ITheaterEvent> batch, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var prepared = batch.Select(e => PreparedEvent.Of(e, tables)).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                if (!_indexesFilled)
                {
                    await EventKey.FillClosingsAsync(connection, schema, reader, ct);
                    await TheaterChannels.FillAsync(connection, schema, reader, ct);
                }
                var claimed = await EventKey.ClaimAsync(connection, schema, prepared.Select(p => p.Key).ToArray(), ct);
                var (stored, closings) = await EventKey.LoadAsync(
                    connection, schema, ReferencedIds(batch).Where(id => !claimed.Contains(id)), CorrectedIds(batch), ct);
                var plan = IngestionPlan.Decide(prepared, stored, closings);
                if (plan.Conflicts.Count > 0)
                {
                    return new AppendOutcome.Conflicted(ItemErrors.Of(plan.Conflicts, limits.MaxItemErrors));
                }
                if (plan.Errors.Count > 0)
                {
                    return new AppendOutcome.Rejected(ItemErrors.Of(plan.Errors, limits.MaxItemErrors));
                }
                if (plan.New.Count == 0)
                {
                    return new AppendOutcome.Stored(0, plan.Duplicates, await tables.HighestSequenceAsync(connection, ct));
                }

                await EventKey.RecordClosingsAsync(connection, schema, plan.New.Select(p => p.Key), ct);
                if (await PastLimitAsync(connection, schema, batch, plan, Channels, ct) is { Count: > 0 } tooMany)
                {
                    return new AppendOutcome.Rejected(ItemErrors.Of(tooMany, limits.MaxItemErrors));
                }
                if (await PastLimitAsync(connection, schema, batch, plan, Families, ct) is { Count: > 0 } tooManyFamilies)
                {
                    return new AppendOutcome.Rejected(ItemErrors.Of(tooManyFamilies, limits.MaxItemErrors));
                }
                var written = await tables.AppendAsync(connection, plan.New.Select(p => p.Row).ToArray(), ct);
                var outbox = new MessageContext(messaging);
                var changed = plan.New.Where(p => p.Event is not TheaterDescribed).Select(p => p.Event.TheaterId).Distinct().ToArray();
                if (changed.Length > 0)
                {
                    await outbox.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(MessageDatabase, transaction));
                    await outbox.PublishAsync(new TheaterEventsAppended(changed));
                }
                await transaction.CommitAsync(ct);
                _indexesFilled = true;
                foreach (var theater in plan.New.GroupBy(p => p.Event.TheaterId))
                {
                    var events = theater.Select(p => p.Event).ToArray();
                    foreach (var listener in _listeners) listener.Committed(theater.Key, written.FirstVersions[theater.Key], events);
                }
                await outbox.FlushOutgoingMessagesAsync();
                foreach (var ingested in plan.New.CountBy(p => (Type: p.Key.Kind, p.Event.TheaterId)))
                {
                    metrics.EventsIngested(ingested.Key.Type, ingested.Key.TheaterId, ingested.Value);
                }
                return new AppendOutcome.Stored(plan.New.Count, plan.Duplicates, written.LastSequence);
            }
            catch (PostgresException ex) when (attempt < MaxAttempts && ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
            {
                // A stream version written by Marten's own append meanwhile, or a wait cycle between batches (rolled back by PostgreSQL).
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    /// <summary>A bounded set of names per theater: its channels, or the effect families of its scheduled events.</summary>
    private sealed record TheaterBound(string Table, string What, string Plural, Func<ITheaterEvent, IEnumerable<string>> Of, Func<ITheaterEvent, string> Field,
        Func<IngestionLimits, int> Limit, string Setting);

    private static readonly TheaterBound Channels = new(TheaterChannels.TableName, "channel", "channels", TheaterChannels.Of,
        e => e is TheaterDescribed ? "channels" : e is IncidentReported { Attribution: not null } or IncidentRevised { Attribution: not null } ? "attribution" : "channel",
        l => l.MaxChannelsPerTheater, "Ingestion:MaxChannelsPerTheater");

    private static readonly TheaterBound Families = new(TheaterChannels.FamiliesTableName, "effect family", "effect families", TheaterChannels.FamiliesOf,
        _ => "family", l => l.MaxEffectFamiliesPerTheater, "Ingestion:MaxEffectFamiliesPerTheater");

    /// <summary>The first new event to bring each channel (or family) past its theater's bound, named with the bound.</summary>
    private async Task<List<ItemError>> PastLimitAsync(NpgsqlConnection connection, string schema,
        IReadOnlyList<ITheaterEvent> batch, IngestionPlan plan, TheaterBound bound, CancellationToken ct)
    {
        var added = await TheaterChannels.AddAsync(connection, schema,
            plan.New.SelectMany(p => bound.Of(p.Event).Select(c => (p.Event.TheaterId, c))), ct, bound.Table);
        var limit = bound.Limit(limits);
        var pastLimit = added.Where(a => a.Count > limit).ToDictionary(a => (a.TheaterId, a.Channel));
        var errors = new List<ItemError>();
        if (pastLimit.Count == 0) return errors;
        var fresh = plan.New.Select(p => p.Event).ToHashSet(ReferenceEqualityComparer.Instance);
        for (var index = 0; index < batch.Count; index++)
        {
            var e = batch[index];
            if (!fresh.Contains(e)) continue;
            foreach (var name in bound.Of(e))
            {
                if (!pastLimit.Remove((e.TheaterId, name), out var over)) continue;
                errors.Add(new ItemError(index, e.Id, bound.Field(e),
                    $"adds {bound.What} '{name}', which would give theater '{e.TheaterId}' {over.Count} {bound.Plural}, more than the " +
                    $"{limit} a theater may have ({bound.Setting}); " +
                    (over.Existing.Length > 0 ? $"use one it has: {string.Join(", ", over.Existing)}" : $"use fewer {bound.Plural}")));
            }
        }
        return errors;
    }

    private IMessageDatabase MessageDatabase => messaging.Storage as IMessageDatabase
        ?? throw new InvalidOperationException($"Wolverine's message store is a {messaging.Storage.GetType().Name}, not the PostgreSQL database of the events.");

    private static IEnumerable<string> ReferencedIds(IReadOnlyList<ITheaterEvent> batch) =>
        batch.Select(e => e.Id).Concat(CorrectedIds(batch));

    /// <summary>The incidents, ceasefires and scheduled events the batch's revisions, retractions, ends and cancellations refer to.</summary>
    private static IEnumerable<string> CorrectedIds(IReadOnlyList<ITheaterEvent> batch)
    {
        foreach (var e in batch)
        {
            switch (e)
            {
                case IncidentRevised x: yield return x.IncidentId; break;
                case IncidentRetracted x: yield return x.IncidentId; break;
                case CeasefireEnded x: yield return x.CeasefireId; break;
                case ScheduledEventRevised x: yield return x.ScheduledEventId; break;
                case ScheduledEventCancelled x: yield return x.ScheduledEventId; break;
            }
        }
    }
}
