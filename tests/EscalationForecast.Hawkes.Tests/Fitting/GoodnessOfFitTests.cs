using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Fitting;

public class GoodnessOfFitTests
{
    [Fact]
    public void Residuals_of_the_true_model_pass_KS_at_the_nominal_rate()
    {
        // 40 simulations: rejections at 5% should be Binomial(40, 0.05): P(≥ 7) ≈ 0.8%.
        var truth = TestModels.Bivariate(300);
        int rejections = 0;
        var pValues = new List<double>();
        for (int seed = 100; seed < 140; seed++)
        {
            var history = Simulator.Simulate(truth, Covariates.None, 0, 300, seed);
            var (_, p) = GoodnessOfFit.KolmogorovSmirnov(GoodnessOfFit.Residuals(truth, history, Covariates.None));
            pValues.Add(p);
            if (p < 0.05) rejections++;
        }
        Assert.InRange(rejections, 0, 6);
        Assert.InRange(pValues.Average(), 0.35, 0.65);
    }

    [Fact]
    public void A_Poisson_model_of_clustered_data_fails_KS()
    {
        var truth = TestModels.Univariate(1, 0.7, 2, 500);
        var history = Simulator.Simulate(truth, Covariates.None, 0, 500, 1);
        var poisson = TestModels.Univariate(history.Count / 500.0, 0, 2, 500);
        var (_, p) = GoodnessOfFit.KolmogorovSmirnov(GoodnessOfFit.Residuals(poisson, history, Covariates.None));
        Assert.True(p < 0.01);
        var fit = HawkesFitter.Fit(history, Covariates.None, new FitOptions { End = 500, Kernel = KernelChoice.Exponential });
        Assert.True(fit.Diagnostics.KsPValue > 0.01);
        Assert.True(fit.Diagnostics.Aic < fit.Diagnostics.PoissonAic - 50);
    }

    [Fact]
    public void Kolmogorov_p_values_match_known_points()
    {
        Assert.Equal(0.05, Kolmogorov.PValue(1.358 / (Math.Sqrt(1000) + 0.12 + 0.11 / Math.Sqrt(1000)), 1000), 0.002);
        Assert.Equal(1, Kolmogorov.PValue(0.001, 100));
    }
}
