using System.Text.Encodings.Web;
using System.Text.Json;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Storage.EventTables;

namespace EscalationForecast.Api.Events.Reading;

/// <summary>
/// <c>GET /api/v1/events</c>: the stored history in recorded (global sequence) order, the basis of replay.
/// Filters: <c>theaterId</c>, <c>type</c> (comma list), <c>from</c>/<c>to</c> (occurredAt; an anniversary's
/// date), <c>knownAt</c> (recorded by), paged by <c>afterSequence</c> with <c>limit</c> (1-1,000, default 100).
/// </summary>
public static class GetEvents
{
    public static async Task<IResult> Handle(HttpContext context, EventTableReader tables, CancellationToken ct)
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
        if (!QueryParameters.TryName(q["theaterId"], "theaterId", out var theaterId, out error))
        {
            return Problems.BadRequest(error!);
        }
        if (Csv.FormatError(context) is { } formatError) return Problems.BadRequest(formatError);
        var types = q["type"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.FirstOrDefault(t => !EventKinds.Postable.Contains(t) && t != EventKinds.TheaterDescribed) is { } unknown)
        {
            return Problems.BadRequest($"Query parameter 'type' has '{Quoted.Prefix(unknown)}'; use a comma list of: {string.Join(", ", EventKinds.Postable)}, {EventKinds.TheaterDescribed}.");
        }
        if (types.Length == 0)
        {
            types = [.. EventKinds.Postable, EventKinds.TheaterDescribed]; // the history only: fits and alerts have their own reads
        }

        var page = await tables.ReadAsync(new RawEventQuery(after, limit + 1, types)
        {
            StreamKey = theaterId,
            Time = from is null && to is null ? null : new TimeRange(["occurredAt", "date"], from, to), // an anniversary's date
            NotAfter = knownAt is { } at ? ("recordedAt", at) : null,
        }, ct);
        var list = ListPage.Of(page, limit, e => e.Sequence);
        return Csv.Wanted(context) ? EventsCsv.Answer(list) : new EventPage(list);
    }

    /// <summary>Writes each stored event as the posted fields plus <c>sequence</c> and <c>type</c>, straight from its JSON.</summary>
    private static readonly JsonWriterOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class EventPage(ListPage<RawEvent> page) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter, Output);
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var (sequence, type, data) in page.Items)
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
            if (page.Next is { } n) json.WriteNumber("next", n); else json.WriteNull("next");
            json.WriteEndObject();
            await json.FlushAsync();
        }
    }
}
