using System.Globalization;
using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;

namespace EscalationForecast.Client.Reading;

/// <summary>
/// A data record seen through its header, with typed accessors that reject the row with the column and the fix
/// instead of returning a half-parsed value. Presets read rows only through these, so messages stay uniform.
/// </summary>
public sealed class CsvRow(CsvHeader header, CsvRecord record)
{
    public int Row => record.Row;

    /// <summary>The trimmed cell, or null when the column is absent or the cell is empty.</summary>
    public string? Optional(string column)
    {
        var i = header.IndexOf(column);
        if (i < 0 || i >= record.Fields.Count) return null;
        var value = record.Fields[i].Trim();
        return value.Length == 0 ? null : value;
    }

    public string Required(string column, string why = "") =>
        Optional(column) ?? throw new RowRejectedException(column, $"'{column}' is empty{why}; fill it in or remove the row");

    /// <summary>
    /// A bare date stays a bare date (day precision matters to the server's asOf rule); a date-time must carry
    /// Z or an offset and is sent in UTC, because a zone-less time is ambiguous.
    /// </summary>
    public string OccurredAt(string column)
    {
        var text = Required(column);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return text;
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text);
        if (text.Contains('T') && hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        var fix = text.Contains('T') && !hasZone
            ? "add 'Z' for UTC or an offset such as +03:00"
            : "write it as yyyy-MM-dd (e.g. 2020-12-20) or an ISO 8601 date-time with a zone (2020-12-20T18:00:00Z)";
        throw new RowRejectedException(column, $"'{text}' is not a date; {fix}");
    }

    /// <summary>A day (yyyy-MM-dd), as anniversaries need.</summary>
    public string BareDate(string column)
    {
        var text = Required(column);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : throw new RowRejectedException(column, $"'{text}' is not a date; write it as yyyy-MM-dd (e.g. 2020-01-03)");
    }

    public int? OptionalInt(string column, int min, int max)
    {
        var text = Optional(column);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new RowRejectedException(column, $"'{text}' is not a whole number from {min} to {max}");
    }

    /// <summary>Both coordinates or neither: a lone latitude is a typo, not a location.</summary>
    public GeoLocation? Location(string latColumn, string lonColumn, string? name = null)
    {
        var lat = Optional(latColumn);
        var lon = Optional(lonColumn);
        if (lat is null && lon is null) return null;
        if (lat is null || lon is null)
        {
            var missing = lat is null ? latColumn : lonColumn;
            throw new RowRejectedException(missing, $"'{missing}' is empty but its pair is set; give both coordinates or neither");
        }
        return new GeoLocation(Coordinate(latColumn, lat, 90), Coordinate(lonColumn, lon, 180), name);
    }

    private static double Coordinate(string column, string text, double limit)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && Math.Abs(value) <= limit)
            return value;
        throw new RowRejectedException(column,
            $"'{text}' is not a coordinate from -{limit} to {limit}; use decimal degrees with a '.' (e.g. 33.31)");
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && text[^3] == ':' && (text[^6] == '+' || text[^6] == '-') && text.LastIndexOf('T') < text.Length - 6;
}
