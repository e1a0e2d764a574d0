using EscalationForecast.Client.Presets;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>Prints the backtest tables of both periods (the README's), for the variants studied.</summary>
public class BacktestStudy
{
    private static readonly (string Name, Func<BacktestOptions, BacktestOptions> Change)[] Variants =
    [
        ("day counts", o => o),
        ("continuous Hawkes", o => o with { Model = BacktestModel.Continuous }),
        ("continuous + recalibration", o => o with { Model = BacktestModel.Continuous, Recalibrate = true }),
        ("+ excitation", o => o with { DayCounts = o.DayCounts with { Excitation = true } }),
        ("− level", o => o with { DayCounts = o.DayCounts with { Level = false } }),
        ("− NB count", o => o with { DayCounts = o.DayCounts with { Overdispersion = false } }),
        ("− day of week", o => o with { DayCounts = o.DayCounts with { DayOfWeek = false } }),
        ("− context", o => o with { DayCounts = o.DayCounts with { Context = false } }),
        ("+ recalibration", o => o with { Recalibrate = true }),
    ];

    [Fact(Explicit = true)]
    public void Print_the_backtest_tables()
    {
        Print(Variants);
    }

    [Fact(Explicit = true)]
    public void Print_the_new_variants() => Print(Variants.Where(v => v.Name.Contains("recalibration")).ToArray());

    private static void Print((string Name, Func<BacktestOptions, BacktestOptions> Change)[] variants)
    {
        foreach (var (period, from, to) in BacktestPeriods.Periods)
        {
            var lines = new List<string> { $"### {period}", BacktestPeriods.Header };
            foreach (var (name, change) in variants)
            {
                var results = BacktestPeriods.Run(from, to, change);
                var pooled = BacktestResult.Pool(results);
                lines.Add(BacktestPeriods.Line($"**{name}** pooled", pooled, PairedBootstrap.Intervals(results)));
                for (int i = 0; i < results.Count; i++)
                    lines.Add(BacktestPeriods.Line($"{name}: {IraqCityTheaters.CityTheaterIds[i]}", results[i], PairedBootstrap.Intervals([results[i]])));
                if (name is "day counts") lines.Add(BacktestPeriods.Reliability(pooled));
            }
            TestContext.Current.SendDiagnosticMessage(string.Join("\n", lines));
        }
    }
}
