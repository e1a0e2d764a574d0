using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Fitting;

/// <summary>Parameter recovery from simulations, over several seeds, with the tolerances stated in each test.</summary>
public class RecoveryTests
{
    private static readonly FitOptions Quick = new() { Kernel = KernelChoice.Exponential, GoodnessOfFit = false };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Univariate_exponential_recovers_alpha_beta_and_baseline(int seed)
    {
        // μ = 2/day, α = 0.5, β = 1.5/day over 1,500 days: about 6,000 events.
        var truth = TestModels.Univariate(2, 0.5, 1.5, 1500);
        var history = Simulator.Simulate(truth, Covariates.None, 0, 1500, seed);
        var fit = HawkesFitter.Fit(history, Covariates.None, Quick with { End = 1500 });
        var m = fit.Model;
        Assert.InRange(m.BranchingRatio, 0.44, 0.56);
        Assert.InRange(m.Decays[0], 1.5 * 0.8, 1.5 * 1.25);
        Assert.InRange(m.BaselinePerDay[0], 2 * 0.85, 2 * 1.15);
        var alpha = m.Parameters.Single(p => p.Name.StartsWith("alpha"));
        Assert.InRange(alpha.StandardError, 0.005, 0.05);
        Assert.InRange(Math.Abs(alpha.Value - 0.5) / alpha.StandardError, 0, 4);
        Assert.True(fit.Diagnostics.Converged);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Bivariate_recovers_cross_excitation(int seed)
    {
        var truth = TestModels.Bivariate(2000);
        var history = Simulator.Simulate(truth, Covariates.None, 0, 2000, seed);
        var m = HawkesFitter.Fit(history, Covariates.None, Quick with { End = 2000 }).Model;
        for (int d = 0; d < 2; d++)
            for (int e = 0; e < 2; e++)
                Assert.InRange(m.Excitation[d][e], truth.Excitation[d][e] - 0.08, truth.Excitation[d][e] + 0.08);
        Assert.InRange(m.BranchingRatio, truth.BranchingRatio - 0.07, truth.BranchingRatio + 0.07);
        Assert.InRange(m.Decays[0], 0.7 * 0.75, 0.7 * 1.33);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Ceasefire_suppression_and_anniversary_bumps_are_recovered(int seed)
    {
        var effects = new Dictionary<string, double> { ["ceasefire"] = 0.5, ["anniversary"] = 3.0 };
        var truth = TestModels.Univariate(4, 0.4, 1.0, 1000, effects);
        var cov = TestModels.CeasefireAndAnniversaries();
        var history = Simulator.Simulate(truth, cov, 0, 1000, seed);
        var m = HawkesFitter.Fit(history, cov, Quick with { End = 1000 }).Model;
        Assert.InRange(m.Effects["ceasefire"].Multiplier, 0.5 * 0.8, 0.5 * 1.25);
        Assert.InRange(m.Effects["anniversary"].Multiplier, 3.0 * 0.7, 3.0 * 1.4);
        Assert.InRange(m.Effects["anniversary"].StandardError, 0.05, 1.0);
        Assert.InRange(m.BranchingRatio, 0.3, 0.5); // the smooth background takes some of the clustering
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public void A_scheduled_family_s_ramp_multiplier_is_recovered_beside_the_anniversaries(int seed)
    {
        // Deadlines every 120 days ramping over 14 days before and 7 after, ×3 at the date; yearly anniversaries
        // (7 May, ±3 days) ×2; the anniversaries' windows are ramps too, the symmetric yearly case.
        var effects = new Dictionary<string, double> { ["deadline"] = 3.0, ["anniversary"] = 2.0 };
        var truth = TestModels.Univariate(3, 0.4, 1.0, 1500, effects);
        var windows = Enumerable.Range(0, 13).Select(k => Covariates.Ramp("deadline", $"round {k}", 60 + 120 * k, 14, 7))
            .Concat(Covariates.Anniversary("a", new DateOnly(2001, 5, 7), 3, new DateOnly(2000, 1, 1), 0, 1500)).ToArray();
        var cov = new Covariates(windows);
        var history = Simulator.Simulate(truth, cov, 0, 1500, seed);
        var m = HawkesFitter.Fit(history, cov, Quick with { End = 1500 }).Model;
        Assert.InRange(m.Effects["deadline"].Multiplier, 3.0 * 0.8, 3.0 * 1.25);
        Assert.InRange(m.Effects["anniversary"].Multiplier, 2.0 * 0.6, 2.0 * 1.6);
        Assert.InRange(m.Effects["deadline"].StandardError, 0.05, 1.0);
        // The fitted background follows the ramp: ×3^(1 − 7/15) a week before a deadline, ×3 on the day.
        Assert.Equal(Math.Pow(m.Effects["deadline"].Multiplier, 8.0 / 15), Math.Exp(m.CovariateExponent(0, 60 - 7 + 0.5, cov)), 1e-9);
        Assert.Equal(m.Effects["deadline"].Multiplier, Math.Exp(m.CovariateExponent(0, 60.5, cov)), 1e-9);
    }

    [Fact]
    public void Twenty_events_give_finite_wide_answers_and_no_explosion()
    {
        var times = new double[] { 0.2, 0.9, 1.1, 3, 3.2, 8, 15, 15.1, 15.15, 22, 30, 31, 31.5, 40, 52, 53, 70, 71, 71.2, 90 };
        var fit = HawkesFitter.Fit(EventHistory.Univariate(times), Covariates.None);
        Assert.InRange(fit.Model.BranchingRatio, 0, 0.999);
        Assert.All(fit.Model.Parameters, p => { Assert.True(double.IsFinite(p.Value), p.Name); Assert.True(double.IsFinite(p.StandardError), p.Name); });
        Assert.True(fit.Model.Parameters.Single(p => p.Name.StartsWith("alpha")).StandardError > 0.05);
        Assert.True(double.IsFinite(fit.Diagnostics.Aic) && double.IsFinite(fit.Diagnostics.KsPValue));
    }

    [Fact]
    public void A_sum_of_exponentials_is_chosen_by_AIC_when_memory_has_two_scales()
    {
        // Half-lives of 3 hours and 1.7 days, half the offspring each.
        var truth = ModelDefinition.Create(["events"], [2], [[0.6]], [5.0, 0.4], [0.5, 0.5], start: 0, end: 1500);
        var history = Simulator.Simulate(truth, Covariates.None, 0, 1500, 8);
        var fit = HawkesFitter.Fit(history, Covariates.None, new FitOptions { End = 1500, GoodnessOfFit = false });
        Assert.Equal(HawkesModel.SumOfExponentialsKernel, fit.Model.Kernel);
        Assert.InRange(fit.Model.Decays[0], 5 * 0.6, 5 / 0.6);
        Assert.InRange(fit.Model.Decays[1], 0.4 * 0.6, 0.4 / 0.6);
        Assert.InRange(fit.Model.Weights[0], 0.3, 0.75);
        Assert.InRange(fit.Model.BranchingRatio, 0.4, 0.7); // the smooth background absorbs part of the slow component

        var single = TestModels.Univariate(2, 0.5, 1.5, 1500);
        var plain = HawkesFitter.Fit(Simulator.Simulate(single, Covariates.None, 0, 1500, 9), Covariates.None, new FitOptions { End = 1500, GoodnessOfFit = false });
        Assert.Equal(HawkesModel.ExponentialKernel, plain.Model.Kernel);
    }

    [Fact]
    public void Warm_start_reaches_the_same_fit_in_fewer_evaluations()
    {
        var truth = TestModels.Univariate(2, 0.5, 1.5, 800);
        var history = Simulator.Simulate(truth, Covariates.None, 0, 800, 12);
        var cold = HawkesFitter.Fit(history, Covariates.None, Quick with { End = 800, StandardErrors = false });
        var warm = HawkesFitter.Fit(history, Covariates.None, Quick with { End = 800, StandardErrors = false, WarmStart = cold.Model });
        Assert.Equal(cold.Model.BranchingRatio, warm.Model.BranchingRatio, 0.01);
        Assert.True(warm.Diagnostics.Evaluations < cold.Diagnostics.Evaluations);
    }
}
