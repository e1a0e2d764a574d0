using EscalationForecast.Client.Presets;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>
/// One-day-ahead escalation forecasts (a day count ≥ the theater's 90th percentile of the 180 days before the
/// period) for 2007-07-01..2007-12-31 and 2008-01-01..2008-06-30 in five Iraqi city theaters, refitted weekly:
/// the day-count model that the service uses for such theaters must beat climatology and poisson7 pooled on the
/// Brier score, the log score and CRPS in both periods, and the continuous process on the log score.
/// </summary>
public class BacktestSkillTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void The_day_count_model_beats_both_baselines_pooled(int period)
    {
        var (name, from, to) = BacktestPeriods.Periods[period];
        var results = BacktestPeriods.Run(from, to);
        var pooled = BacktestResult.Pool(results);
        var ci = PairedBootstrap.Intervals(results);
        TestContext.Current.SendDiagnosticMessage($"{name}\n{BacktestPeriods.Header}\n{BacktestPeriods.Line("pooled", pooled, ci)}\n"
            + string.Join("\n", results.Select((r, i) => BacktestPeriods.Line(IraqCityTheaters.CityTheaterIds[i], r))));
        Assert.All(results, r => Assert.Equal("day-counts", r.ModelKind));
        Assert.Equal(5 * (to.DayNumber - from.DayNumber + 1), pooled.Rows.Length);
        Assert.True(pooled.Model.Brier < Math.Min(pooled.Climatology.Brier, pooled.Poisson7.Brier), $"Brier {pooled.Model.Brier} vs {pooled.Climatology.Brier}, {pooled.Poisson7.Brier}");
        Assert.True(pooled.Model.LogScore < Math.Min(pooled.Climatology.LogScore, pooled.Poisson7.LogScore), $"log {pooled.Model.LogScore}");
        Assert.True(pooled.Model.Crps < Math.Min(pooled.Climatology.Crps, pooled.Poisson7.Crps), $"CRPS {pooled.Model.Crps}");
        Assert.True(ci.LogPoisson7.Upper < 0, $"log score − poisson7: {ci.LogPoisson7}");

        var continuous = BacktestResult.Pool(BacktestPeriods.Run(from, to, o => o with { Model = BacktestModel.Continuous }));
        Assert.True(pooled.Model.LogScore < continuous.Model.LogScore, $"day counts {pooled.Model.LogScore} vs continuous {continuous.Model.LogScore}");
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
