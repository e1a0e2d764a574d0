using System.Globalization;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Cli.Fitting;

/// <summary>
/// Covariates from a context CSV (<c>date,kind,name,...</c>, the format of iraq-2007-2008-context.csv):
/// <c>anniversary</c> rows recur yearly on their month and day (family "anniversary", ±window days);
/// <c>ceasefire-declared</c> opens a ceasefire window under its name, <c>ceasefire-extended</c> keeps it open,
/// <c>ceasefire-ended</c> closes it (family "ceasefire"); an unclosed ceasefire lasts past the data. Other kinds
/// are ignored. Ceasefires apply to all channels.
/// </summary>
internal static class ContextCsv
{
    public static Covariates Read(TextReader reader, DateOnly epoch, double from, double to, int anniversaryWindowDays = 1)
    {
        using var rows = CsvText.Rows(reader).GetEnumerator();
        if (!rows.MoveNext()) return Covariates.None;
        var header = rows.Current;
        int dateColumn = CsvText.Column(header, "date"), kindColumn = CsvText.Column(header, "kind"), nameColumn = CsvText.Column(header, "name");
        if (dateColumn < 0 || kindColumn < 0) throw new ArgumentException("The context file needs date and kind columns.");
        var windows = new List<EffectWindow>();
        var open = new Dictionary<string, double>();
        var entries = new List<(DateOnly Date, string Kind, string Name)>();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            var date = DateOnly.ParseExact(row[dateColumn].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            entries.Add((date, row[kindColumn].Trim().ToLowerInvariant(), nameColumn >= 0 ? row[nameColumn].Trim() : ""));
        }
        foreach (var (date, kind, name) in entries.OrderBy(e => e.Date))
        {
            double day = EventCsv.DaysSince(epoch, date);
            switch (kind)
            {
                case "anniversary":
                    windows.AddRange(Covariates.Anniversary(name, date, anniversaryWindowDays, epoch, from, to));
                    break;
                case "ceasefire-declared":
                    open.TryAdd(name, day);
                    break;
                case "ceasefire-ended" when open.Remove(name, out double start):
                    windows.Add(new EffectWindow(Covariates.Ceasefire, name, start, day));
                    break;
            }
        }
        foreach (var (name, start) in open) windows.Add(new EffectWindow(Covariates.Ceasefire, name, start, double.MaxValue));
        return new Covariates(windows.ToArray());
    }
}
