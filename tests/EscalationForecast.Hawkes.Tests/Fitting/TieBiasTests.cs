using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Fitting;

/// <summary>
/// Day-precision ties: simulate continuous-time data, keep only the day of each event (dozens share a date), fit
/// with within-day spreading, and measure the bias of the branching ratio against the exact-time truth.
/// </summary>
public class TieBiasTests
{
    [Fact]
    public void Day_precision_spreading_biases_the_branching_ratio_by_less_than_0_05()
    {
        // 15 background events a day, α = 0.5, half-life 2 days: ~30 events per day, all tied within their day.
        var truth = TestModels.Univariate(15, 0.5, Math.Log(2) / 2, 300);
        var estimates = new List<double>();
        foreach (int seed in new[] { 21, 22, 23, 24 })
        {
            var exact = Simulator.Simulate(truth, Covariates.None, 0, 300, seed);
            var fit = HawkesFitter.Fit(TestModels.ToDays(exact), Covariates.None,
                new FitOptions { Kernel = KernelChoice.Exponential, End = 300, StandardErrors = false, GoodnessOfFit = false });
            estimates.Add(fit.Model.BranchingRatio);
        }
        double bias = estimates.Average() - 0.5;
        Assert.True(Math.Abs(bias) < 0.05, $"bias {bias:F3} ({string.Join(", ", estimates.Select(e => e.ToString("F3")))})");
    }
}
