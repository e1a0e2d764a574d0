using System.Text.Encodings.Web;
using System.Text.Json;
using EscalationForecast.Api.Http;
using Marten;
using Npgsql;

namespace EscalationForecast.Api.Events.Reading;

/// <summary>
/// <c>GET /api/v1/events</c>: the stored history in recorded (global sequence) order, the basis of replay.
/// Filters: <c>theaterId</c>, <c>type</c> (comma list), <c>from</c>/<c>to</c> (occurredAt; an anniversary's
/// date), <c>knownAt</c> (recorded by), paged by <c>afterSequence</c> with <c>limit</c> (1-1,000, default 100).
/// </summary>
public static class GetEvents
{
    public static async Task<IResult> Handle(HttpContext context, NpgsqlDataSource database, IDocumentStore store, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryLong(q["afterSequence"], "afterSequence", out var after, out var error)
            || !QueryParameters.TryInt(q["limit"], "limit", 1, 1000, 100, out var limit, out error)
            || !QueryParameters.TryInstant(q["from"], "from", out var from, out error)
            || !QueryParameters.TryRangeEnd(q["to"], "to", out var to, out error)
            || !QueryParameters.TryInstant(q["knownAt"], "knownAt", out var knownAt, out error))
        {
            return Problems.BadRequest(error!);
        }
        var types = q["type"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.FirstOrDefault(t => !EventKinds.Postable.Contains(t) && t != EventKinds.TheaterDescribed) is { } unknown)
        {
            return Problems.BadRequest($"Query parameter 'type' has '{unknown}'; use a comma list of: {string.Join(", ", EventKinds.Postable)}, {EventKinds.TheaterDescribed}.");
        }
        if (types.Length == 0)
        {
            types = [.. EventKinds.Postable, EventKinds.TheaterDescribed]; // the history only: fits and alerts have their own reads
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        var occurred = "(case when length(x) = 10 then (x || 'T00:00:00Z') else x end)::timestamptz"
            .Replace("x", "coalesce(data->>'occurredAt', data->>'date')");
        await using var command = database.CreateCommand($"""
            select seq_id, type, data::text from {schema}.mt_events
            where seq_id > $1 and ($2::text is null or stream_id = $2) and type = any($3)
              and ($4::timestamptz is null or {occurred} >= $4) and ($5::timestamptz is null or {occurred} <= $5)
              and ($6::timestamptz is null or (data->>'recordedAt')::timestamptz <= $6)
            order by seq_id limit $7
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)NullIfEmpty(q["theaterId"]) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = types });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)knownAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });

        var page = new List<(long Sequence, string Type, string Data)>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                page.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }
        return new EventPage(page, more ? page[^1].Sequence : null);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Writes each stored event as the posted fields plus <c>sequence</c> and <c>type</c>, straight from its JSON.</summary>
    private static readonly JsonWriterOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class EventPage(List<(long Sequence, string Type, string Data)> items, long? next) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter, Output);
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var (sequence, type, data) in items)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", sequence);
                json.WriteString("type", type);
                using var document = JsonDocument.Parse(data);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("recordedAt"))
                    {
                        json.WriteString("recordedAt", property.Value.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        property.WriteTo(json);
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (next is { } n) json.WriteNumber("next", n); else json.WriteNull("next");
            json.WriteEndObject();
            await json.FlushAsync();
        }
    }
}
