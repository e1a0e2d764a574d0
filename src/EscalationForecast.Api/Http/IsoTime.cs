using System.Globalization;

namespace EscalationForecast.Api.Http;

/// <summary>The spec's times: a bare date (<c>2020-12-20</c>, day precision) or an ISO 8601 date-time with an offset.</summary>
public static class IsoTime
{
    /// <summary>Parses either form, normalised to UTC; a date answers its start and <paramref name="isDate"/>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset start, out bool isDate)
    {
        (start, isDate) = (default, false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            (start, isDate) = (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
            return true;
        }
        // An instant must say which zone it is in: a bare local time would silently shift by hours.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            start = instant.ToUniversalTime();
            return true;
        }
        return false;
    }
}
