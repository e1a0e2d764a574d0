using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Fitting;

/// <summary>
/// Day-precision ties: simulate continuous-time data, keep only the day of each event (about 30 share each date),
/// fit with within-day spreading, and compare the branching ratio with the fit of the same data at exact times
/// (the bias the ties cause) and with the truth. The background is fitted as one constant block here so that only
/// the tie handling differs between the two fits.
/// </summary>
public class TieBiasTests
{
    [Fact]
    public void Day_precision_spreading_biases_the_branching_ratio_by_less_than_0_05()
    {
        // 15 background events a day, α = 0.5, half-life 2 days, 1,500 days: ~45,000 events per seed.
        const double truthAlpha = 0.5, end = 1500;
        var truth = TestModels.Univariate(15, truthAlpha, Math.Log(2) / 2, end);
        var options = new FitOptions { Kernel = KernelChoice.Exponential, End = end, BlockDays = end, StandardErrors = false, GoodnessOfFit = false };
        var exact = new List<double>(); var days = new List<double>();
        foreach (int seed in new[] { 21, 22, 23, 24, 25 })
        {
            var history = Simulator.Simulate(truth, Covariates.None, 0, end, seed);
            exact.Add(HawkesFitter.Fit(history, Covariates.None, options).Model.BranchingRatio);
            days.Add(HawkesFitter.Fit(TestModels.ToDays(history), Covariates.None, options).Model.BranchingRatio);
        }
        double tieBias = days.Average() - exact.Average(), bias = days.Average() - truthAlpha;
        string report = $"days {string.Join(", ", days.Select(e => e.ToString("F3")))}; exact {string.Join(", ", exact.Select(e => e.ToString("F3")))}";
        TestContext.Current.SendDiagnosticMessage($"tie bias {tieBias:F4}, bias vs truth {bias:F4}: {report}");
        Assert.True(Math.Abs(tieBias) < 0.05, $"tie bias {tieBias:F3}: {report}");
        Assert.True(Math.Abs(bias) < 0.05, $"bias vs truth {bias:F3}: {report}");
    }
}
