using EscalationForecast.Cli.Fitting;
using EscalationForecast.Client.Presets;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>
/// The two backtest periods of the five city theaters, one day ahead, escalation = a day count at or above the
/// theater's 90th percentile of the 180 days before the period, refitted weekly, and a Markdown line per score.
/// </summary>
internal static class BacktestPeriods
{
    public static readonly (string Name, DateOnly From, DateOnly To)[] Periods =
    [
        ("2007-07-01..2007-12-31", new DateOnly(2007, 7, 1), new DateOnly(2007, 12, 31)),
        ("2008-01-01..2008-06-30", new DateOnly(2008, 1, 1), new DateOnly(2008, 6, 30)),
    ];

    private static readonly Lazy<Dictionary<string, EventHistory>> Histories =
        new(() => IraqCityTheaters.CityTheaterIds.ToDictionary(id => id, IraqTheaters.Theater));

    public static EventHistory History(string theater) => Histories.Value[theater];

    public static BacktestOptions Options(DateOnly from, DateOnly to) =>
        new(EventCsv.DaysSince(IraqTheaters.Epoch, from), EventCsv.DaysSince(IraqTheaters.Epoch, to))
        {
            Paths = 2_000, RefitEveryDays = 7,
            Fit = new FitOptions { Kernel = KernelChoice.Exponential, StandardErrors = false, GoodnessOfFit = false },
        };

    /// <summary>Each city's backtest of the period, in <see cref="IraqCityTheaters.CityTheaterIds"/> order.</summary>
    public static List<BacktestResult> Run(DateOnly from, DateOnly to, Func<BacktestOptions, BacktestOptions>? change = null)
    {
        var context = IraqTheaters.Context();
        var options = (change ?? (o => o))(Options(from, to));
        return IraqCityTheaters.CityTheaterIds.Select(id => RollingBacktest.Run(History(id), context, options)).ToList();
    }

    public static string Line(string name, BacktestResult r, SkillIntervals? ci = null)
    {
        string Ci(ScoreDifference? d) => d is null ? "" : $" [{d.Lower:+0.0000;-0.0000}, {d.Upper:+0.0000;-0.0000}]";
        string bss = r.Poisson7.Brier > 1e-6 ? $"{1 - r.Model.Brier / r.Poisson7.Brier:+0.00;-0.00}" : "–";
        return $"| {name} | {r.Threshold} | {r.Rows.Count(x => x.Escalation)} | {r.Model.Brier:F4} | {r.Climatology.Brier:F4} | {r.Poisson7.Brier:F4} | {bss} |"
            + $" {r.Model.Brier - r.Poisson7.Brier:+0.0000;-0.0000}{Ci(ci?.BrierPoisson7)} | {r.Model.LogScore:F4} | {r.Climatology.LogScore:F4} | {r.Poisson7.LogScore:F4} |"
            + $" {r.Model.LogScore - r.Poisson7.LogScore:+0.0000;-0.0000}{Ci(ci?.LogPoisson7)} | {r.Model.Crps:F3} | {r.Climatology.Crps:F3} | {r.Poisson7.Crps:F3} |";
    }

    public const string Header =
        "| theater | k | esc. days | Brier model | clim. | p7 | BSS vs p7 | Brier − p7 [95%] | log model | clim. | p7 | log − p7 [95%] | CRPS model | clim. | p7 |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    /// <summary>Reliability of the pooled model forecasts: bins with days, mean forecast and observed frequency.</summary>
    public static string Reliability(BacktestResult pooled) => string.Join("\n", pooled.Model.Reliability.Where(b => b.Count > 0)
        .Select(b => $"| {b.From:F1}-{b.To:F1} | {b.Count} | {b.MeanPredicted:F3} | {b.ObservedFrequency:F3} | {b.ObservedFrequency - b.MeanPredicted:+0.000;-0.000} |"));
}
