using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.DayCounts;

/// <summary>The NB day count against naive twins: Γ-function pmf summed by hand, CDF-by-CDF CRPS, the Poisson limit.</summary>
public class NegativeBinomialTests
{
    [Theory]
    [InlineData(3.5, 2.0)]
    [InlineData(40.0, 6.0)]
    [InlineData(0.2, 0.7)]
    public void The_recursive_pmf_the_tail_and_the_crps_match_the_naive_sums(double mean, double size)
    {
        var pmf = NegativeBinomial.Pmf(mean, size, 2_000);
        Assert.Equal(1, pmf.Sum(), 8);
        for (int y = 0; y < 60; y++) Assert.Equal(Math.Exp(NegativeBinomial.LogPmf(y, mean, size)), pmf[y], 10);
        Assert.Equal(mean, pmf.Select((p, y) => p * y).Sum(), 6);
        Assert.Equal(mean + mean * mean / size, pmf.Select((p, y) => p * (y - mean) * (y - mean)).Sum(), 4);
        for (int k = 0; k < 30; k++)
            Assert.Equal(1 - Enumerable.Range(0, k).Sum(y => Math.Exp(NegativeBinomial.LogPmf(y, mean, size))), NegativeBinomial.AtLeast(mean, size, k), 10);
        foreach (int observed in new[] { 0, 3, 25 })
        {
            double naive = 0, cdf = 0;
            for (int x = 0; x < 2_000; x++) { cdf += Math.Exp(NegativeBinomial.LogPmf(x, mean, size)); naive += Math.Pow(cdf - (observed <= x ? 1 : 0), 2); }
            Assert.Equal(naive, NegativeBinomial.Crps(mean, size, observed), 6);
        }
    }

    [Fact]
    public void An_infinite_size_is_the_Poisson_count_of_the_baselines()
    {
        for (int k = 0; k < 12; k++) Assert.Equal(Scoring.PoissonAtLeast(4.2, k), NegativeBinomial.AtLeast(4.2, double.PositiveInfinity, k), 10);
        Assert.Equal(Scoring.CrpsPoisson(4.2, 7), NegativeBinomial.Crps(4.2, double.PositiveInfinity, 7), 8);
        Assert.Equal(NegativeBinomial.LogPmf(5, 4.2, 1e12), NegativeBinomial.LogPmf(5, 4.2, double.PositiveInfinity), 6);
    }

    [Fact]
    public void Draws_have_the_negative_binomial_mean_and_variance()
    {
        var random = new Random(3);
        var draws = Enumerable.Range(0, 40_000).Select(_ => (double)NegativeBinomial.Sample(12, 3, random)).ToArray();
        double mean = draws.Average(), variance = draws.Select(d => (d - mean) * (d - mean)).Average();
        Assert.InRange(mean, 11.7, 12.3);
        Assert.InRange(variance, 0.93 * (12 + 144 / 3.0), 1.07 * (12 + 144 / 3.0));
    }
}
