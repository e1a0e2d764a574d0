// The sample history as the notebooks see it: the shipped CSVs (src/EscalationForecast.Api/Samples) read through
// the client library's import presets (the same code as `forecast import` and the server's first-start loader),
// grouped by theater, and turned into the Hawkes engine's inputs the way the service does it
// (src/EscalationForecast.Api/Models/ModelInputs.cs and ContextWindows.cs): days since 1970-01-01, bare dates as
// day-precision events, ceasefires from declaration to end binding the channels named among their parties,
// anniversaries recurring yearly with the server's default window of 3 days either side.
//
// Needs EscalationForecast.Client, EscalationForecast.Hawkes (and MathNet.Numerics) referenced first; see each
// notebook's first cell.

using System.Globalization;
using System.IO;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Samples;
using EscalationForecast.Hawkes;

public sealed record Incident(double Time, bool DayPrecision, string Channel, string? Category, int Severity, string? Actor = null, string? Target = null)
{
    public DateOnly Day => Samples.Date(Time);
}

public sealed record CeasefirePeriod(string Id, string Name, DateOnly Declared, DateOnly? Ended, string[] Parties);

public sealed record AnniversaryDate(string Name, DateOnly Date, int WindowDays);

public sealed record Theater(string Id, Incident[] Incidents, CeasefirePeriod[] Ceasefires, AnniversaryDate[] Anniversaries)
{
    /// <summary>The channels, in ordinal order as the service numbers them.</summary>
    public string[] Channels => Incidents.Select(i => i.Channel).Distinct().Order(StringComparer.Ordinal).ToArray();

    public DateOnly FirstDay => Incidents.Min(i => i.Day);
    public DateOnly LastDay => Incidents.Max(i => i.Day);

    /// <summary>Incidents per day from <paramref name="from"/> to <paramref name="to"/> (inclusive), zeros included.</summary>
    public int[] DailyCounts(DateOnly from, DateOnly to, string? channel = null)
    {
        var counts = new int[to.DayNumber - from.DayNumber + 1];
        foreach (var i in Incidents)
        {
            int k = i.Day.DayNumber - from.DayNumber;
            if (k >= 0 && k < counts.Length && (channel is null || i.Channel == channel)) counts[k]++;
        }
        return counts;
    }

    /// <summary>The engine's event history: every channel (or only <paramref name="channels"/>), severities as marks.</summary>
    public EventHistory History(params string[] channels)
    {
        var names = channels.Length > 0 ? channels.Order(StringComparer.Ordinal).ToArray() : Channels;
        var kept = Incidents.Where(i => names.Contains(i.Channel)).OrderBy(i => i.Time).ToArray();
        return new EventHistory(names,
            kept.Select(i => i.Time).ToArray(),
            kept.Select(i => Array.IndexOf(names, i.Channel)).ToArray(),
            kept.Select(i => (double)i.Severity).ToArray(),
            kept.Select(i => i.DayPrecision).ToArray());
    }

    /// <summary>
    /// The covariate windows, as the service lays them out at the end of the data: a ceasefire not yet ended holds
    /// through the 91-day forecast horizon. Leave a family out to see what the model makes of the data without it.
    /// </summary>
    public Covariates CovariatesFor(string[] channels, bool ceasefires = true, bool anniversaries = true)
    {
        double horizonEnd = Samples.Day(LastDay) + 1 + 91;
        var windows = new List<EffectWindow>();
        if (ceasefires)
        {
            foreach (var c in Ceasefires.OrderBy(c => c.Declared))
            {
                var bound = c.Parties.Where(channels.Contains).Select(p => Array.IndexOf(channels, p)).Order().ToArray();
                windows.Add(new EffectWindow(EscalationForecast.Hawkes.Covariates.Ceasefire, c.Name, Samples.Day(c.Declared),
                    c.Ended is { } end ? Samples.Day(end) : horizonEnd, bound.Length == 0 ? null : bound));
            }
        }
        if (anniversaries)
        {
            double first = Samples.Day(FirstDay);
            foreach (var a in Anniversaries.OrderBy(a => a.Date))
                windows.AddRange(EscalationForecast.Hawkes.Covariates.Anniversary(a.Name, a.Date, a.WindowDays, Samples.Epoch, first - 366, horizonEnd));
        }
        return new Covariates(windows.ToArray());
    }
}

public static class Samples
{
    public static readonly DateOnly Epoch = new(1970, 1, 1);

    public static double Day(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    public static DateOnly Date(double day) => DateOnly.FromDayNumber(Epoch.DayNumber + (int)Math.Floor(day));

    /// <summary>src/EscalationForecast.Api/Samples, found above the working directory (the notebooks folder).</summary>
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "EscalationForecast.Api", "Samples");
                if (System.IO.Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("src/EscalationForecast.Api/Samples is not above the working directory; open the notebook from notebooks/.");
        }
    }

    /// <summary>Every sample file read through its preset (<see cref="SampleData.Files"/>).</summary>
    public static EventFile[] ReadFiles() =>
        SampleData.Files.Select(f => EventFileReader.ReadFile(Path.Combine(Directory, f.FileName), f.Preset)).ToArray();

    /// <summary>The events of the files grouped into theaters, by id.</summary>
    public static SortedDictionary<string, Theater> Theaters(IEnumerable<EventFile> files)
    {
        var items = files.SelectMany(f => f.Events).Select(e => e.Item).ToArray();
        var theaters = new SortedDictionary<string, Theater>(StringComparer.Ordinal);
        foreach (var group in items.GroupBy(i => i.TheaterId))
        {
            var incidents = group.Where(i => i.Type == EventTypes.Incident).Select(i =>
            {
                var (time, dayPrecision) = Instant(i.OccurredAt!);
                return new Incident(time, dayPrecision, i.Channel ?? "default", i.Category, i.Severity ?? 1, i.Actor, i.Target);
            }).OrderBy(i => i.Time).ToArray();
            var ends = group.Where(i => i.Type == EventTypes.CeasefireEnded).ToDictionary(i => i.CeasefireId!, i => Date(Instant(i.OccurredAt!).Time));
            var ceasefires = group.Where(i => i.Type == EventTypes.CeasefireDeclared).Select(i => new CeasefirePeriod(i.Id, i.Name ?? i.Id,
                Date(Instant(i.OccurredAt!).Time), ends.TryGetValue(i.Id, out var end) ? end : null, (i.Parties ?? []).ToArray())).ToArray();
            var anniversaries = group.Where(i => i.Type == EventTypes.Anniversary).Select(i => new AnniversaryDate(i.Name ?? i.Id,
                DateOnly.ParseExact(i.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture), i.WindowDays ?? 3)).ToArray();
            if (incidents.Length > 0) theaters[group.Key] = new Theater(group.Key, incidents, ceasefires, anniversaries);
        }
        return theaters;
    }

    /// <summary>Days since the epoch of an occurredAt; a bare date is the start of its day, at day precision.</summary>
    public static (double Time, bool DayPrecision) Instant(string occurredAt) =>
        DateOnly.TryParseExact(occurredAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (Day(date), true)
            : ((DateTimeOffset.Parse(occurredAt, CultureInfo.InvariantCulture) - DateTimeOffset.UnixEpoch).TotalDays, false);
}
