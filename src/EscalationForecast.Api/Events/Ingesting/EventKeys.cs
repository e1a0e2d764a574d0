using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The idempotency index: one row per client id with its theater, type and a fingerprint of its content.
/// Claimed in the same transaction as the events, so its primary key is what stops two concurrent batches
/// from storing the same id twice; it also resolves the references of revisions, retractions and ceasefire ends.
/// </summary>
public sealed record EventKey(string Id, string TheaterId, string Kind, string Fingerprint)
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
        return table;
    }

    /// <summary>The key of an event; its fingerprint covers everything the client sent, not when we stored it.</summary>
    public static EventKey Of(ITheaterEvent e)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(WithoutRecordedAt(e), e.GetType(), FingerprintJson);
        return new EventKey(e.Id, e.TheaterId, EventKinds.Of(e), Convert.ToBase64String(SHA256.HashData(content), 0, 18));
    }

    private static object WithoutRecordedAt(ITheaterEvent e) => e switch
    {
        IncidentReported x => x with { RecordedAt = default },
        IncidentRevised x => x with { RecordedAt = default },
        IncidentRetracted x => x with { RecordedAt = default },
        CeasefireDeclared x => x with { RecordedAt = default },
        CeasefireEnded x => x with { RecordedAt = default },
        AnniversaryRegistered x => x with { RecordedAt = default },
        TheaterDescribed x => x with { RecordedAt = default },
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static async Task<Dictionary<string, EventKey>> LoadAsync(
        NpgsqlConnection connection, string schema, IEnumerable<string> ids, CancellationToken ct)
    {
        var keys = new Dictionary<string, EventKey>(StringComparer.Ordinal);
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0) return keys; // a batch of new incidents: nothing to read
        await using var command = new NpgsqlCommand(
            // A join on unnest keeps the primary-key index in play: with "id = any(array)" and thousands of ids
            // the planner prefers a sequential scan, whose cost grows with every event ever stored.
            $"select k.id, k.theater_id, k.kind, k.fingerprint from unnest($1::text[]) as u(id) join {schema}.{TableName} k on k.id = u.id",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = wanted });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = new EventKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            keys[key.Id] = key;
        }
        return keys;
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
}
