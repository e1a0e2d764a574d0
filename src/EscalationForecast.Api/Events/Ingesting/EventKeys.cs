using System.Security.Cryptography;
using System.Text.Json;
using EscalationForecast.Api.Storage.EventTables;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The idempotency index: one row per client id with its theater, type and a fingerprint of its content.
/// Claimed in the same transaction as the events, so its primary key is what stops two concurrent batches
/// from storing the same id twice; it also resolves the references of revisions, retractions, ceasefire ends and
/// cancellations. A retraction, a ceasefire's end or a cancellation records what it <see cref="Closes"/>, under a unique
/// index, so an incident is retracted, a ceasefire ended and a scheduled event cancelled once, however many batches try
/// at the same time.
/// </summary>
public sealed record EventKey(string Id, string TheaterId, string Kind, string Fingerprint, string? Closes = null)
{
    public const string TableName = "ef_event_keys";

    private static readonly JsonSerializerOptions FingerprintJson = new(JsonSerializerDefaults.Web);

    public static Table Define(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("id").AsPrimaryKey();
        table.AddColumn<string>("theater_id").NotNull();
        table.AddColumn<string>("kind").NotNull();
        table.AddColumn<string>("fingerprint").NotNull();
        table.AddColumn<string>("closes");
        table.Indexes.Add(new IndexDefinition($"{TableName}_closes") { Columns = ["closes"], IsUnique = true });
        return table;
    }

    /// <summary>The key of an event; its fingerprint covers everything the client sent, not when we stored it.</summary>
    public static EventKey Of(ITheaterEvent e)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(WithoutRecordedAt(e), e.GetType(), FingerprintJson);
        return new EventKey(e.Id, e.TheaterId, EventKinds.Of(e), Convert.ToBase64String(SHA256.HashData(content), 0, 18), ClosedBy(e));
    }

    private static string? ClosedBy(ITheaterEvent e) => e switch
    {
        IncidentRetracted x => x.IncidentId,
        CeasefireEnded x => x.CeasefireId,
        ScheduledEventCancelled x => x.ScheduledEventId,
        _ => null,
    };

    private static object WithoutRecordedAt(ITheaterEvent e) => e switch
    {
        IncidentReported x => x with { RecordedAt = default },
        IncidentRevised x => x with { RecordedAt = default },
        IncidentRetracted x => x with { RecordedAt = default },
        CeasefireDeclared x => x with { RecordedAt = default },
        CeasefireEnded x => x with { RecordedAt = default },
        AnniversaryRegistered x => x with { RecordedAt = default },
        ScheduledEventRegistered x => x with { RecordedAt = default },
        ScheduledEventRevised x => x with { RecordedAt = default },
        ScheduledEventCancelled x => x with { RecordedAt = default },
        TheaterDescribed x => x with { RecordedAt = default },
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>The keys of these ids, and the keys that close (retract or end) any of them, by the id they close.</summary>
    public static async Task<(Dictionary<string, EventKey> Keys, Dictionary<string, EventKey> Closings)> LoadAsync(
        NpgsqlConnection connection, string schema, IEnumerable<string> ids, IEnumerable<string> closable, CancellationToken ct)
    {
        var keys = new Dictionary<string, EventKey>(StringComparer.Ordinal);
        var closings = new Dictionary<string, EventKey>(StringComparer.Ordinal);
        var wanted = ids.Distinct().ToArray();
        var targets = closable.Distinct().ToArray();
        if (wanted.Length == 0 && targets.Length == 0) return (keys, closings); // a batch of new incidents: nothing to read
        await using var command = new NpgsqlCommand(
            // A join on unnest keeps the primary-key index in play: with "id = any(array)" and thousands of ids
            // the planner prefers a sequential scan, whose cost grows with every event ever stored.
            $"""
            select k.id, k.theater_id, k.kind, k.fingerprint, k.closes from unnest($1::text[]) as u(id) join {schema}.{TableName} k on k.id = u.id
            union all
            select k.id, k.theater_id, k.kind, k.fingerprint, k.closes from unnest($2::text[]) as u(id) join {schema}.{TableName} k on k.closes = u.id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted });
        command.Parameters.Add(new NpgsqlParameter { Value = targets });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = new EventKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            keys[key.Id] = key;
            if (key.Closes is { } closed && targets.Contains(closed)) closings[closed] = key;
        }
        return (keys, closings);
    }

    /// <summary>
    /// Inserts the keys whose ids are not stored yet (the first of each id) and answers those ids: the ids the
    /// caller's transaction now owns. An id another open transaction is inserting waits for it, then counts as
    /// stored or as new depending on whether that transaction committed. Ids are inserted in order, so two
    /// batches sharing ids wait for each other instead of deadlocking.
    /// </summary>
    public static async Task<HashSet<string>> ClaimAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<EventKey> keys, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into {schema}.{TableName} (id, theater_id, kind, fingerprint)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) order by 1
            on conflict (id) do nothing
            returning id
            """,
            connection);
        var first = keys.DistinctBy(k => k.Id).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = first.Select(k => k.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Select(k => k.TheaterId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Select(k => k.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Select(k => k.Fingerprint).ToArray() });
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }
        return claimed;
    }

    /// <summary>
    /// Records what the batch's new retractions and ends close, once the batch is decided. Another open batch
    /// closing the same incident or ceasefire makes this wait for it, then fail as a unique violation if it
    /// committed: the caller tries again and finds the closing stored.
    /// </summary>
    public static async Task RecordClosingsAsync(NpgsqlConnection connection, string schema, IEnumerable<EventKey> keys, CancellationToken ct)
    {
        var closing = keys.Where(k => k.Closes is not null).ToArray();
        if (closing.Length == 0) return;
        await using var command = new NpgsqlCommand(
            $"update {schema}.{TableName} k set closes = u.closes from unnest($1::text[], $2::text[]) as u(id, closes) where k.id = u.id",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = closing.Select(k => k.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = closing.Select(k => k.Closes!).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records what stored retractions and ends close where a store predates that column: the first of each
    /// target, in the order they were stored (a later one never applied).
    /// </summary>
    public static async Task FillClosingsAsync(NpgsqlConnection connection, string schema, EventTableReader tables, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            update {schema}.{TableName} k set closes = first.value
            from (select distinct on (f.value) f.event_id, f.value from (
                    select * from ({tables.FieldValuesQuery("incidentId", "$1")}) i
                    union all select * from ({tables.FieldValuesQuery("ceasefireId", "$2")}) c) f
                  order by f.value, f.sequence) first
            where k.id = first.event_id and k.closes is null
              and not exists (select 1 from {schema}.{TableName} c where c.closes = first.value)
              and exists (select 1 from {schema}.{TableName} o where o.kind in ($3, $4) and o.closes is null)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { EventKinds.IncidentRetracted } });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { EventKinds.CeasefireEnded } });
        command.Parameters.Add(new NpgsqlParameter { Value = EventKinds.IncidentRetracted });
        command.Parameters.Add(new NpgsqlParameter { Value = EventKinds.CeasefireEnded });
        await command.ExecuteNonQueryAsync(ct);
    }
}
