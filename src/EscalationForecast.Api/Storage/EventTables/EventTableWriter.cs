using JasperFx;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace EscalationForecast.Api.Storage.EventTables;

/// <summary>An event to append: its stream, its Marten type alias, its .NET type and the JSON Marten stores for it.</summary>
public sealed record EventRow(string StreamKey, string TypeAlias, Type DotNetType, string Json);

public sealed record StoredRows(long LastSequence, IReadOnlyDictionary<string, long> FirstVersions);

/// <summary>
/// Writes events into Marten's event tables with one statement per table, inside the caller's transaction: one
/// upsert advances every stream's version (and row-locks the streams in key order until the commit, so concurrent
/// writers of a stream take turns and never deadlock), one query draws the sequence numbers, and binary COPY writes
/// the events in the order given. Marten's own append calls a function that inserts event by event, which costs
/// about twice the database time on a 10,000-event batch. The rows are the ones that function writes (the type
/// aliases the features register, Marten's serializer, the default tenant), so Marten reads them as its own.
/// </summary>
public sealed class EventTableWriter(StoreOptions options)
{
    private readonly string _schema = options.Events.DatabaseSchemaName;
    private readonly ISerializer _serializer = options.Serializer();

    /// <summary>The JSON Marten stores for an event.</summary>
    public string Json(object e) => _serializer.ToJson(e);

    /// <summary>
    /// Appends the rows to their streams, in the order given, and answers the last sequence number written and each
    /// stream's first new version (its rows take that version and the ones after it, in order).
    /// </summary>
    public async Task<StoredRows> AppendAsync(NpgsqlConnection connection, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        var firstVersions = await AdvanceStreamsAsync(connection, rows, ct);
        var nextVersion = new Dictionary<string, long>(firstVersions, StringComparer.Ordinal);
        var sequences = await DrawSequencesAsync(connection, rows.Count, ct);
        var timestamp = DateTimeOffset.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {_schema}.{MartenEventTables.Events} ({string.Join(", ", MartenEventTables.EventColumns.Select(c => c.Name))}) from stdin (format binary)",
            ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var (stream, alias, type, json) = rows[i];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(sequences[i], NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(stream, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(nextVersion[stream]++, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(json, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(alias, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(timestamp, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(DotNetTypeName(type), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        }
        await writer.CompleteAsync(ct);
        return new StoredRows(sequences[^1], firstVersions);
    }

    /// <summary>The highest sequence number stored, as the caller's transaction sees it.</summary>
    public async Task<long> HighestSequenceAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {_schema}.{MartenEventTables.Events}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DotNetTypeNames = new();

    /// <summary>The type name Marten stores beside an event's alias (worked out once per type, not per row).</summary>
    private static string DotNetTypeName(Type type) =>
        DotNetTypeNames.GetOrAdd(type, t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    /// <summary>Creates the streams that are new and moves every stream's version past the rows; answers each stream's first new version.</summary>
    private async Task<Dictionary<string, long>> AdvanceStreamsAsync(NpgsqlConnection connection, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        var counts = rows.CountBy(r => r.StreamKey).ToArray();
        await using var command = new NpgsqlCommand(
            $"""
            insert into {_schema}.{MartenEventTables.Streams} as s ({string.Join(", ", MartenEventTables.StreamColumns.Select(c => c.Name))})
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
        await using var command = new NpgsqlCommand($"select nextval('{_schema}.{MartenEventTables.Sequence}') from generate_series(1, $1)", connection);
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
