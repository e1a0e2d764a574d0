using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Backtesting;

/// <summary>Recalibration by simulation recovery, and the block bootstrap against its naive mean.</summary>
public class RecalibrationTests
{
    [Fact]
    public void Recalibration_recovers_a_known_miscalibration_and_leaves_calibrated_forecasts_alone()
    {
        var random = new Random(2);
        var p = Enumerable.Range(0, 20_000).Select(_ => 0.02 + 0.9 * random.NextDouble()).ToArray();
        bool Draw(double q) => random.NextDouble() < q;
        var truth = new Recalibration(-0.4, 1.3);
        var fitted = Recalibration.Fit(p, p.Select(x => Draw(truth.Apply(x))).ToArray());
        Assert.InRange(fitted.Intercept, -0.5, -0.3);
        Assert.InRange(fitted.Slope, 1.2, 1.4);
        var calibrated = Recalibration.Fit(p, p.Select(Draw).ToArray());
        Assert.InRange(calibrated.Intercept, -0.1, 0.1);
        Assert.InRange(calibrated.Slope, 0.93, 1.07);
    }

    [Fact]
    public void The_bootstrap_centres_on_the_mean_difference_and_a_constant_one_has_no_width()
    {
        BacktestRow Row(int day, double model, double p7) => new(day, model, 0, 0.5, p7, 0, false);
        var a = new BacktestResult(Enumerable.Range(0, 60).Select(d => Row(d, 0.1 + 0.002 * d, 0.3)).ToArray(), 1, null!, null!, null!, 0, 0);
        var b = new BacktestResult(Enumerable.Range(0, 60).Select(d => Row(d, 0.2, 0.2 + 0.003 * (d % 7))).ToArray(), 1, null!, null!, null!, 0, 0);
        double naive = a.Rows.Concat(b.Rows).Average(r => r.ModelProbability * r.ModelProbability - r.Poisson7Probability * r.Poisson7Probability);
        var d = PairedBootstrap.Difference([a, b], r => r.ModelProbability * r.ModelProbability - r.Poisson7Probability * r.Poisson7Probability);
        Assert.Equal(naive, d.Mean, 12);
        Assert.True(d.Lower < d.Mean && d.Mean < d.Upper, $"{d}");
        var constant = PairedBootstrap.Difference([a], _ => 0.25);
        Assert.Equal(0.25, constant.Lower, 12);
        Assert.Equal(0.25, constant.Upper, 12);
    }
}
