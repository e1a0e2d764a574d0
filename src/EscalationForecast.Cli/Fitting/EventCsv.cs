using System.Globalization;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Cli.Fitting;

/// <summary>
/// Reads events from a CSV with an <c>occurredAt</c> or <c>date</c> column (a date, or a date-time with offset
/// taken as UTC) and an optional <c>channel</c> column. Time is days since the first event's UTC date; date-only
/// rows are day-precision.
/// </summary>
internal static class EventCsv
{
    public sealed record Loaded(EventHistory History, DateOnly Epoch);

    public static Loaded Read(TextReader reader, Func<string[], string[], bool>? include = null)
    {
        using var rows = CsvText.Rows(reader).GetEnumerator();
        if (!rows.MoveNext()) throw new ArgumentException("The events file is empty.");
        var header = rows.Current;
        int timeColumn = CsvText.Column(header, "occurredAt", "date");
        if (timeColumn < 0) throw new ArgumentException("The events file needs an occurredAt or date column.");
        int channelColumn = CsvText.Column(header, "channel");
        var parsed = new List<(DateTimeOffset At, bool Day, string Channel)>();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (include is not null && !include(header, row)) continue;
            string text = row[timeColumn].Trim();
            string channel = channelColumn >= 0 && channelColumn < row.Length && row[channelColumn].Trim() is { Length: > 0 } c ? c : "events";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                parsed.Add((new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true, channel));
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                parsed.Add((at.ToUniversalTime(), false, channel));
            else throw new ArgumentException($"Cannot read '{text}' as a date or date-time.");
        }
        if (parsed.Count == 0) throw new ArgumentException("The events file has no events.");
        parsed.Sort((a, b) => a.At.CompareTo(b.At));
        var epoch = DateOnly.FromDateTime(parsed[0].At.UtcDateTime);
        var epochTime = new DateTimeOffset(epoch.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var channels = parsed.Select(p => p.Channel).Distinct().Order(StringComparer.Ordinal).ToArray();
        var history = new EventHistory(channels,
            parsed.Select(p => (p.At - epochTime).TotalDays).ToArray(),
            parsed.Select(p => Array.IndexOf(channels, p.Channel)).ToArray(),
            DayPrecision: parsed.Select(p => p.Day).ToArray());
        return new Loaded(history, epoch);
    }

    public static double DaysSince(DateOnly epoch, DateOnly date) => date.DayNumber - epoch.DayNumber;
}
