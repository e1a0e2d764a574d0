using JasperFx;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>An event ready to store: its idempotency key and the JSON Marten stores for it.</summary>
public sealed record PreparedEvent(ITheaterEvent Event, EventKey Key, string Json);

public sealed record StoredRows(long LastSequence, IReadOnlyDictionary<string, long> FirstVersions);

/// <summary>
/// Writes a batch's new events into Marten's event tables with one statement per table, inside the appender's
/// transaction: one upsert advances every stream's version (and row-locks the streams in id order until the
/// commit, so concurrent writers of a theater take turns and never deadlock), one query draws the sequence
/// numbers, and binary COPY writes the events in batch order. Marten's own append calls a function that inserts
/// event by event, which costs about twice the database time on a 10,000-event batch. The rows are the ones that
/// function writes (the event type aliases registered in <c>Storage/Configuration</c>, Marten's serializer, the
/// default tenant), so Marten reads them as its own.
/// </summary>
public sealed class EventRows(StoreOptions options)
{
    private readonly string _schema = options.Events.DatabaseSchemaName;
    private readonly ISerializer _serializer = options.Serializer();

    public PreparedEvent Prepare(ITheaterEvent e) => new(e, EventKey.Of(e), _serializer.ToJson(e));

    /// <summary>
    /// Appends the events to their theaters' streams, in the order given, and answers the last sequence number written
    /// and each theater's first new version (its events take that version and the ones after it, in order).
    /// </summary>
    public async Task<StoredRows> AppendAsync(NpgsqlConnection connection, IReadOnlyList<PreparedEvent> prepared, CancellationToken ct)
    {
        var firstVersions = await AdvanceStreamsAsync(connection, prepared, ct);
        var nextVersion = new Dictionary<string, long>(firstVersions, StringComparer.Ordinal);
        var sequences = await DrawSequencesAsync(connection, prepared.Count, ct);
        var timestamp = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {_schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) from stdin (format binary)",
            ct);
        for (var i = 0; i < prepared.Count; i++)
        {
            var (e, key, json) = prepared[i];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(sequences[i], NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.TheaterId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(nextVersion[e.TheaterId]++, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(json, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(key.Kind, NpgsqlDbType.Varchar, ct); // the type alias
            await writer.WriteAsync(timestamp, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(DotNetTypeName(e.GetType()), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        }
        await writer.CompleteAsync(ct);
        return new StoredRows(sequences[^1], firstVersions);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DotNetTypeNames = new();

    /// <summary>The type name Marten stores beside an event's alias (worked out once per type, not per row).</summary>
    private static string DotNetTypeName(Type type) =>
        DotNetTypeNames.GetOrAdd(type, t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    /// <summary>Creates the streams that are new and moves every stream's version past the batch; answers each stream's first new version.</summary>
    private async Task<Dictionary<string, long>> AdvanceStreamsAsync(NpgsqlConnection connection, IReadOnlyList<PreparedEvent> events, CancellationToken ct)
    {
        var counts = events.CountBy(p => p.Event.TheaterId).ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            insert into {_schema}.mt_streams as s (id, version, timestamp, created, tenant_id)
            select u.id, u.n, now(), now(), $3 from unnest($1::varchar[], $2::bigint[]) as u(id, n) order by u.id
            on conflict (id) do update set version = s.version + excluded.version, timestamp = now()
            returning s.id, s.version
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => c.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Select(c => (long)c.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = StorageConstants.DefaultTenantId });
        var counted = counts.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stream = reader.GetString(0);
            first[stream] = reader.GetInt64(1) - counted[stream] + 1;
        }
        return first;
    }

    private async Task<long[]> DrawSequencesAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select nextval('{_schema}.mt_events_sequence') from generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var sequences = new long[count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            sequences[i] = reader.GetInt64(0);
        }
        return sequences;
    }
}
