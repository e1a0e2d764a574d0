using System.Globalization;
using EscalationForecast.Cli.Fitting;
using EscalationForecast.Client.Presets;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>
/// City theaters from the repository's copy of the geocausal Iraq 2007-2008 insurgent attacks (MIT, see
/// src/EscalationForecast.Api/Samples/README.md), split as the service's sample load splits them
/// (<see cref="IraqCityTheaters"/>), days since 2007-01-01.
/// </summary>
internal static class IraqTheaters
{
    public static readonly DateOnly Epoch = new(2007, 1, 1);

    public static string Samples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "EscalationForecast.Api", "Samples");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("src/EscalationForecast.Api/Samples not found above the test output.");
        }
    }

    public static EventHistory Theater(string theaterId)
    {
        using var reader = File.OpenText(Path.Combine(Samples, "iraq-2007-2008-insurgent-attacks.csv"));
        var loaded = EventCsv.Read(reader, (header, row) =>
        {
            double rowLat = double.Parse(row[CsvText.Column(header, "latitude")], CultureInfo.InvariantCulture);
            double rowLon = double.Parse(row[CsvText.Column(header, "longitude")], CultureInfo.InvariantCulture);
            return IraqCityTheaters.TheaterAt(rowLat, rowLon) == theaterId;
        });
        double shift = EventCsv.DaysSince(Epoch, loaded.Epoch);
        return loaded.History with { Times = loaded.History.Times.Select(t => t + shift).ToArray() };
    }

    public static Covariates Context()
    {
        using var reader = File.OpenText(Path.Combine(Samples, "iraq-2007-2008-context.csv"));
        return ContextCsv.Read(reader, Epoch, 0, 600);
    }
}
