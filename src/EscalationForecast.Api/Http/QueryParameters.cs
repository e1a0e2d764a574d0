using System.Globalization;

namespace EscalationForecast.Api.Http;

/// <summary>Parses the query values every read shares, naming the parameter and the fix when one is malformed.</summary>
public static class QueryParameters
{
    /// <summary>A date (its start) or a date-time with an offset.</summary>
    public static bool TryInstant(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (IsoTime.TryParse(text, out var start, out _))
        {
            value = start;
            return true;
        }
        error = $"Query parameter '{name}' must be a date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z).";
        return false;
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
        error = $"Query parameter '{name}' must be an integer from {min} to {max}.";
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
        error = $"Query parameter '{name}' must be a non-negative integer (a sequence number from a previous page's 'next').";
        return false;
    }
}
