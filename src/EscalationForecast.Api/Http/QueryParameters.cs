using System.Globalization;

namespace EscalationForecast.Api.Http;

/// <summary>
/// Parses the query values every read shares, naming the parameter, its allowed range and the fix when one is
/// malformed or out of range, so nothing past the edge meets a value it cannot compute with.
/// </summary>
public static class QueryParameters
{
    /// <summary>Times far from any data a forecast could use (and from what date arithmetic can represent) are refused.</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A date (its start) or a date-time with an offset.</summary>
    public static bool TryInstant(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (!IsoTime.TryParse(text, out var start, out _))
        {
            error = $"Query parameter '{name}' must be a date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z); " +
                    $"'{Quoted.Prefix(text)}' is neither.";
            return false;
        }
        if (start < Earliest || start >= Latest)
        {
            error = $"Query parameter '{name}' must be from {Earliest:yyyy-MM-dd} to before {Latest:yyyy-MM-dd}; {start:yyyy-MM-dd} is outside.";
            return false;
        }
        value = start;
        return true;
    }

    /// <summary>The end of a range: a bare date includes its whole day.</summary>
    public static bool TryRangeEnd(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        var ok = TryInstant(text, name, out value, out error);
        if (ok && value is { } v && text!.Length == 10)
        {
            value = v.AddDays(1).AddTicks(-1);
        }
        return ok;
    }

    public static bool TryInt(string? text, string name, int min, int max, int fallback, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }
        error = $"Query parameter '{name}' must be an integer from {min} to {max}; '{Quoted.Prefix(text)}' is not.";
        return false;
    }

    public static bool TryLong(string? text, string name, out long value, out string? error)
    {
        error = null;
        value = 0;
        if (string.IsNullOrEmpty(text) || (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0))
        {
            return true;
        }
        error = $"Query parameter '{name}' must be an integer from 0 to {long.MaxValue} (a sequence number from a previous page's 'next'); '{Quoted.Prefix(text)}' is not.";
        return false;
    }

    /// <summary>An optional theater or channel name in the query: 1-64 characters of a-z, 0-9, '-' and '_'.</summary>
    public static bool TryName(string? text, string name, out string? value, out string? error)
    {
        (value, error) = (string.IsNullOrEmpty(text) ? null : text, null);
        if (value is null || Identifiers.IsName(value)) return true;
        error = $"Query parameter '{name}' must be 1-64 characters of a-z, 0-9, '-' and '_'; '{Quoted.Prefix(text)}' is not.";
        return false;
    }
}
