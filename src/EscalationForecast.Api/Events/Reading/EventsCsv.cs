using System.Text.Json;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Storage.EventTables;

namespace EscalationForecast.Api.Events.Reading;

/// <summary>
/// A page of the history as CSV, one record per event, the same page as the JSON (the next one named by the
/// <c>Link</c> header). The contract's fields have columns of their own (a location as <c>lat</c>, <c>lon</c>,
/// <c>locationName</c>; a list such as <c>parties</c> joined by <c>;</c>; an attribution as <c>militia=0.7;unknown=0.3</c>);
/// whatever else an event carries (a description's channels) is kept as JSON in <c>other</c>, so nothing stored is lost.
/// </summary>
public static class EventsCsv
{
    private static readonly string[] Fields =
    [
        "id", "theaterId", "occurredAt", "recordedAt", "channel", "category", "actor", "target", "severity", "fatalities",
        "incidentId", "ceasefireId", "reason", "parties", "date", "name", "windowDays", "description",
        "attribution", "claimedBy", "deniedBy", "scheduledEventId", "family", "daysBefore", "daysAfter", "recursYearly", "announcedAt",
    ];

    public static IResult Answer(ListPage<RawEvent> page) => Csv.Of(page.Items.Select(Row), Columns, page.Next);

    private sealed record EventRow(long Sequence, string Type, Dictionary<string, string?> Values, double? Lat, double? Lon, string? Place, string? Other);

    private static readonly CsvColumn<EventRow>[] Columns =
    [
        new("sequence", r => r.Sequence), new("type", r => r.Type),
        .. Fields.Select(f => new CsvColumn<EventRow>(f, r => r.Values.GetValueOrDefault(f))),
        new("lat", r => r.Lat), new("lon", r => r.Lon), new("locationName", r => r.Place), new("other", r => r.Other),
    ];

    private static EventRow Row(RawEvent e)
    {
        using var document = JsonDocument.Parse(e.Json);
        var values = new Dictionary<string, string?>();
        var other = new Dictionary<string, JsonElement>();
        double? lat = null, lon = null;
        string? place = null;
        foreach (var p in document.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            if (p.NameEquals("location") && p.Value.ValueKind == JsonValueKind.Object)
            {
                lat = p.Value.TryGetProperty("lat", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
                lon = p.Value.TryGetProperty("lon", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetDouble() : null;
                place = p.Value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            }
            else if (p.NameEquals("attribution") && p.Value.ValueKind == JsonValueKind.Array)
            {
                values[p.Name] = string.Join(';', p.Value.EnumerateArray().Select(a =>
                    $"{a.GetProperty("channel").GetString()}={a.GetProperty("probability").GetRawText()}"));
            }
            else if (Array.IndexOf(Fields, p.Name) >= 0)
            {
                values[p.Name] = p.NameEquals("recordedAt") ? CsvWriter.Field(p.Value.GetDateTimeOffset()) : Scalar(p.Value);
            }
            else
            {
                other[p.Name] = p.Value.Clone();
            }
        }
        return new EventRow(e.Sequence, e.Type, values, lat, lon, place, other.Count == 0 ? null : JsonSerializer.Serialize(other));
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => string.Join(';', value.EnumerateArray().Select(v => v.GetString())),
        _ => value.GetRawText(),
    };
}
