using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace EscalationForecast.Api.Storage.EventTables;

/// <summary>A stored event as read raw: its global sequence, its type alias and its JSON.</summary>
public sealed record RawEvent(long Sequence, string Type, string Json);

/// <summary>
/// A page of stored events in sequence order: after <see cref="AfterSequence"/> (and up to <see cref="UpToSequence"/>),
/// of the given types, optionally of one stream, with a JSON text field equal to a value, with a JSON time in a range
/// (the first of <see cref="TimeRange.Fields"/> present; a bare date stands for its start), or with a JSON instant at
/// or before a bound. Field names are the events' own property names (camelCase letters only).
/// </summary>
public sealed record RawEventQuery(long AfterSequence, int Limit, IReadOnlyList<string> Types)
{
    public long? UpToSequence { get; init; }
    public string? StreamKey { get; init; }
    public (string Field, string Value)? Having { get; init; }
    public TimeRange? Time { get; init; }
    public (string Field, DateTimeOffset At)? NotAfter { get; init; }
}

public sealed record TimeRange(IReadOnlyList<string> Fields, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// Reads Marten's event tables where Marten's API has no query for what is asked: event pages filtered on the
/// events' JSON (the event history and the alert log, both paged by global sequence), every stream's version at once
/// (the live board's poll), and whether the event store's schema exists (readiness).
/// </summary>
public sealed partial class EventTableReader(NpgsqlDataSource database, IDocumentStore store)
{
    private string Schema => store.Options.Events.DatabaseSchemaName;

    [GeneratedRegex("^[a-zA-Z]{1,64}$")]
    private static partial Regex FieldName();

    public async Task<List<RawEvent>> ReadAsync(RawEventQuery query, CancellationToken ct)
    {
        await using var command = database.CreateCommand();
        string Parameter(object? value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value ?? DBNull.Value };
            if (type is { } t) parameter.NpgsqlDbType = t;
            command.Parameters.Add(parameter);
            return $"${command.Parameters.Count}";
        }
        var where = new List<string>
        {
            $"seq_id > {Parameter(query.AfterSequence)}",
            $"type = any({Parameter(query.Types.ToArray())})",
        };
        if (query.UpToSequence is { } upTo) where.Add($"seq_id <= {Parameter(upTo)}");
        if (query.StreamKey is { } stream) where.Add($"stream_id = {Parameter(stream, NpgsqlDbType.Varchar)}");
        if (query.Having is var (field, value)) where.Add($"data->>'{Checked(field)}' = {Parameter(value, NpgsqlDbType.Text)}");
        if (query.Time is { } range)
        {
            var text = $"coalesce({string.Join(", ", range.Fields.Select(f => $"data->>'{Checked(f)}'"))})";
            var time = $"(case when length({text}) = 10 then ({text} || 'T00:00:00Z') else {text} end)::timestamptz";
            if (range.From is { } from) where.Add($"{time} >= {Parameter(from, NpgsqlDbType.TimestampTz)}");
            if (range.To is { } to) where.Add($"{time} <= {Parameter(to, NpgsqlDbType.TimestampTz)}");
        }
        if (query.NotAfter is var (instantField, at))
        {
            where.Add($"(data->>'{Checked(instantField)}')::timestamptz <= {Parameter(at, NpgsqlDbType.TimestampTz)}");
        }
        command.CommandText = $"select seq_id, type, data::text from {Schema}.{MartenEventTables.Events} where {string.Join(" and ", where)} " +
                              $"order by seq_id limit {Parameter(query.Limit)}";

        var page = new List<RawEvent>(Math.Min(query.Limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            page.Add(new RawEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return page;
    }

    /// <summary>Every stream's key and version, in one query, but those whose key contains <paramref name="excluded"/>.</summary>
    public async Task<Dictionary<string, long>> StreamVersionsAsync(char excluded, CancellationToken ct)
    {
        var streams = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = database.CreateCommand($"select id, version from {Schema}.{MartenEventTables.Streams} where strpos(id, $1) = 0");
        command.Parameters.Add(new NpgsqlParameter { Value = excluded.ToString() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) streams[reader.GetString(0)] = reader.GetInt64(1);
        return streams;
    }

    /// <summary>Whether the event store's tables exist (the database may answer before its schema is applied).</summary>
    public async Task<bool> SchemaPresentAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("select to_regclass($1) is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{Schema}.{MartenEventTables.Events}" });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string Checked(string field) =>
        FieldName().IsMatch(field) ? field : throw new ArgumentException($"'{field}' is not an event field name.", nameof(field));
}
