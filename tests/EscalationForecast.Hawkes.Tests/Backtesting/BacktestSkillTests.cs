using EscalationForecast.Client.Presets;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>
/// One-day-ahead escalation forecasts (daily count ≥ the theater's 90th percentile of 2007) for 2008-01-01 ..
/// 2008-06-30 in five Iraqi city theaters: the model must beat climatology and poisson7 on the pooled Brier score
/// and on most theaters one by one.
/// </summary>
public class BacktestSkillTests
{
    [Fact]
    public void Hawkes_beats_climatology_and_poisson7_on_Brier_in_the_Iraq_city_theaters()
    {
        var context = IraqTheaters.Context();
        double first = EscalationForecast.Cli.Fitting.EventCsv.DaysSince(IraqTheaters.Epoch, new DateOnly(2008, 1, 1));
        double last = EscalationForecast.Cli.Fitting.EventCsv.DaysSince(IraqTheaters.Epoch, new DateOnly(2008, 6, 30));
        var options = new BacktestOptions(first, last)
        {
            Paths = 2_000, RefitEveryDays = 7,
            Fit = new FitOptions { Kernel = KernelChoice.Exponential, StandardErrors = false, GoodnessOfFit = false },
        };
        var results = new List<BacktestResult>();
        int winsClimatology = 0, winsPoisson = 0;
        foreach (var name in IraqCityTheaters.CityTheaterIds)
        {
            var history = IraqTheaters.Theater(name);
            var r = RollingBacktest.Run(history, context, options);
            results.Add(r);
            if (r.Model.Brier < r.Climatology.Brier) winsClimatology++;
            if (r.Model.Brier < r.Poisson7.Brier) winsPoisson++;
            TestContext.Current.SendDiagnosticMessage(
                $"| {name} | {history.Count} | {r.Threshold} | {r.Rows.Count(x => x.Escalation)} | {r.Model.Brier:F4} | {r.Climatology.Brier:F4} | {r.Poisson7.Brier:F4} | {r.Model.LogScore:F3} | {r.Climatology.LogScore:F3} | {r.Poisson7.LogScore:F3} | {r.Model.Crps:F2} | {r.Climatology.Crps:F2} | {r.Poisson7.Crps:F2} | {r.Seconds:F1} s |");
        }
        var pooled = BacktestResult.Pool(results);
        TestContext.Current.SendDiagnosticMessage(
            $"| pooled | | | {pooled.Rows.Count(x => x.Escalation)} | {pooled.Model.Brier:F4} | {pooled.Climatology.Brier:F4} | {pooled.Poisson7.Brier:F4} | {pooled.Model.LogScore:F3} | {pooled.Climatology.LogScore:F3} | {pooled.Poisson7.LogScore:F3} | {pooled.Model.Crps:F2} | {pooled.Climatology.Crps:F2} | {pooled.Poisson7.Crps:F2} | {pooled.Seconds:F1} s |");
        Assert.Equal(5 * 182, pooled.Rows.Length);
        Assert.True(pooled.Model.Brier < pooled.Climatology.Brier, $"{pooled.Model.Brier} vs climatology {pooled.Climatology.Brier}");
        Assert.True(pooled.Model.Brier < pooled.Poisson7.Brier, $"{pooled.Model.Brier} vs poisson7 {pooled.Poisson7.Brier}");
        Assert.True(winsClimatology >= 3 && winsPoisson >= 3, $"wins: climatology {winsClimatology}/5, poisson7 {winsPoisson}/5");
    }

    [Fact]
    public void Scores_match_hand_computed_values()
    {
        // F = (½ at 0, ½ at 2), y = 1: (½ − 0)² + (½ − 1)² = 0.5.
        Assert.Equal(0.5, Scoring.CrpsEmpirical([0, 2], 1), 12);
        // Poisson(1), y = 0: Σ_x (F(x) − 1)² = Σ_x P(N > x)².
        double expected = 0, cdf = 0, pmf = Math.Exp(-1);
        for (int x = 0; x < 30; x++) { if (x > 0) pmf /= x; cdf += pmf; expected += (1 - cdf) * (1 - cdf); }
        Assert.Equal(expected, Scoring.CrpsPoisson(1, 0), 10);
        Assert.Equal(1 - 3 * Math.Exp(-2), Scoring.PoissonAtLeast(2, 2), 12);
    }
}
