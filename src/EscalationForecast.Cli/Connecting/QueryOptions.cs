using System.CommandLine;
using System.Globalization;
using System.Text;

namespace EscalationForecast.Cli.Connecting;

/// <summary>The time options of the reads (<c>--as-of</c>, <c>--known-at</c>, <c>--from</c>, <c>--to</c>), checked before anything is sent, and the query they make.</summary>
internal static class QueryOptions
{
    /// <summary>A date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z), as the service reads them.</summary>
    public static Option<string?> Time(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description + " (2020-12-20 or 2020-12-20T18:00:00Z)", HelpName = "TIME" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !IsTime(text))
                r.AddError($"{name} must be a date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z), not '{text}'");
        });
        return option;
    }

    public static Option<int?> Range(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = $"{description} ({min} to {max})", HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } n && (n < min || n > max)) r.AddError($"{name} must be from {min} to {max}, not {n}");
        });
        return option;
    }

    public static bool IsTime(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || (text.Length > 10 && (text.EndsWith('Z') || text[10..].Contains('+') || text[10..].Contains('-'))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));

    /// <summary><c>path?name=value&amp;...</c> with the values escaped; null values left out.</summary>
    public static string Path(string path, params (string Name, object? Value)[] query)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null) continue;
            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
            separator = '&';
        }
        return text.ToString();
    }
}
