using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Events;

/// <summary>
/// When something happened: an instant, or a bare date meaning "somewhere inside that UTC day".
/// Serialised exactly as clients post it (<c>2020-12-20</c> or <c>2020-12-20T18:00:00Z</c>).
/// </summary>
[JsonConverter(typeof(OccurrenceJsonConverter))]
public readonly record struct Occurrence(DateTimeOffset Start, bool IsDate)
{
    /// <summary>
    /// The earliest instant at which it has surely occurred: the end of the day for a bare date. An event counts
    /// as occurred by <c>asOf</c> only when <c>KnownBy &lt;= asOf</c>, so a forecast never sees the day it forecasts.
    /// </summary>
    public DateTimeOffset KnownBy => IsDate ? Start.AddDays(1) : Start;

    public DateOnly Day => DateOnly.FromDateTime(Start.UtcDateTime);

    public static Occurrence FromDate(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);

    /// <summary>Parses a date (<c>yyyy-MM-dd</c>) or an ISO 8601 date-time with an offset, normalised to UTC.</summary>
    public static bool TryParse(string? text, out Occurrence occurrence)
    {
        var parsed = IsoTime.TryParse(text, out var start, out var isDate);
        occurrence = parsed ? new Occurrence(start, isDate) : default;
        return parsed;
    }

    public override string ToString() => IsDate
        ? Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

public sealed class OccurrenceJsonConverter : JsonConverter<Occurrence>
{
    public override Occurrence Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Occurrence.TryParse(reader.GetString(), out var occurrence)
            ? occurrence
            : throw new JsonException($"'{reader.GetString()}' is neither a date nor a date-time with an offset.");

    public override void Write(Utf8JsonWriter writer, Occurrence value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
