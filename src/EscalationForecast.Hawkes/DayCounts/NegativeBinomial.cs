using MathNet.Numerics;

namespace EscalationForecast.Hawkes;

/// <summary>
/// The day count N ~ NB(mean λ, size r): P(N = y) = Γ(y + r) / (Γ(r) y!) · (r/(r+λ))^r · (λ/(r+λ))^y, Var N = λ + λ²/r,
/// i.e. a Poisson whose rate is Gamma(r, r/λ): more incidents on a day than a Poisson count allows when events of a
/// day share a cause. r = ∞ (PositiveInfinity) is the Poisson limit.
/// </summary>
public static class NegativeBinomial
{
    public static double LogPmf(int y, double mean, double size)
    {
        if (double.IsPositiveInfinity(size)) return y * Math.Log(mean) - mean - SpecialFunctions.GammaLn(y + 1.0);
        // log Γ(y + r) − log Γ(r) = Σ_(i<y) log(r + i), summed for small y: the difference of two large GammaLn loses
        // digits as r grows towards the Poisson limit. r log(r/(r + λ)) = −r log1p(λ/r) for the same reason.
        double rising = 0;
        if (y <= 64) for (int i = 0; i < y; i++) rising += Math.Log(size + i);
        else rising = SpecialFunctions.GammaLn(y + size) - SpecialFunctions.GammaLn(size);
        return rising - SpecialFunctions.GammaLn(y + 1.0) - size * LogOnePlus(mean / size)
            + y * Math.Log(mean / (size + mean));
    }

    /// <summary>log(1 + x), by its series x − x²/2 + x³/3 − x⁴/4 for |x| &lt; 1e-4 where 1 + x drops digits.</summary>
    private static double LogOnePlus(double x) => Math.Abs(x) < 1e-4 ? x * (1 - x * (0.5 - x * (1 / 3.0 - x / 4))) : Math.Log(1 + x);

    /// <summary>P(N = 0..max), by the recursion p(y+1) = p(y) · (y + r)/(y + 1) · λ/(r + λ) (Poisson: p(y) · λ/(y + 1)).</summary>
    public static double[] Pmf(double mean, double size, int max)
    {
        var p = new double[max + 1];
        bool poisson = double.IsPositiveInfinity(size);
        p[0] = Math.Exp(LogPmf(0, mean, size));
        double q = poisson ? 0 : mean / (size + mean);
        for (int y = 0; y < max; y++) p[y + 1] = poisson ? p[y] * mean / (y + 1) : p[y] * (y + size) / (y + 1) * q;
        return p;
    }

    /// <summary>P(N ≥ k) = 1 − Σ_(y&lt;k) p(y).</summary>
    public static double AtLeast(double mean, double size, int k)
    {
        if (k <= 0) return 1;
        var p = Pmf(mean, size, k - 1);
        double cdf = 0;
        foreach (double v in p) cdf += v;
        return Math.Clamp(1 - cdf, 0, 1);
    }

    /// <summary>CRPS = Σ_(x≥0) (F(x) − 1{y ≤ x})², summed until F(x) ≈ 1 past y.</summary>
    public static double Crps(double mean, double size, int y)
    {
        double sd = Math.Sqrt(mean + (double.IsPositiveInfinity(size) ? 0 : mean * mean / size));
        int max = (int)Math.Min(1_000_000, Math.Max(y, mean + 40 * sd + 50));
        var p = Pmf(mean, size, max);
        double crps = 0, cdf = 0;
        for (int x = 0; x <= max; x++)
        {
            cdf += p[x];
            double step = y <= x ? 1 : 0;
            crps += (cdf - step) * (cdf - step);
            if (x >= y && 1 - cdf < 1e-12) break;
        }
        return crps;
    }

    /// <summary>A draw: Poisson(G), G ~ Gamma(r, rate r/λ) (the Poisson itself when r = ∞).</summary>
    public static int Sample(double mean, double size, Random random)
    {
        if (mean <= 0) return 0;
        double rate = double.IsPositiveInfinity(size) ? mean : MathNet.Numerics.Distributions.Gamma.Sample(random, size, size / mean);
        return rate <= 0 ? 0 : MathNet.Numerics.Distributions.Poisson.Sample(random, rate);
    }
}
