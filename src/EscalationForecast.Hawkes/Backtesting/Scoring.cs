namespace EscalationForecast.Hawkes;

/// <summary>
/// Brier = mean (p − o)²; log score = mean −log p(outcome), p clipped to [1e-6, 1 − 1e-6];
/// CRPS of a count distribution F for outcome y: Σ_(x≥0) (F(x) − 1{y ≤ x})²; reliability in ten equal bins of p.
/// </summary>
internal static class Scoring
{
    public static BacktestResult Result(BacktestRow[] rows, int threshold, int refits, double seconds) => new(rows, threshold,
        Summary(rows, r => r.ModelProbability, r => r.ModelCrps),
        Summary(rows, r => r.ClimatologyProbability, r => r.ClimatologyCrps),
        Summary(rows, r => r.Poisson7Probability, r => r.Poisson7Crps), refits, seconds);

    /// <summary>(p − o)² of one day.</summary>
    public static double Brier(double p, bool escalation) => (p - (escalation ? 1 : 0)) * (p - (escalation ? 1 : 0));

    /// <summary>−log p(outcome) of one day, p clipped to [1e-6, 1 − 1e-6].</summary>
    public static double Log(double p, bool escalation)
    {
        double clipped = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return -Math.Log(escalation ? clipped : 1 - clipped);
    }

    public static ScoreSummary Summary(BacktestRow[] rows, Func<BacktestRow, double> p, Func<BacktestRow, double> crps)
    {
        double brier = 0, log = 0, c = 0;
        var count = new int[10]; var sumP = new double[10]; var hits = new double[10];
        foreach (var r in rows)
        {
            double prob = p(r), o = r.Escalation ? 1 : 0;
            brier += Brier(prob, r.Escalation);
            log += Log(prob, r.Escalation);
            c += crps(r);
            int bin = Math.Min((int)(prob * 10), 9);
            count[bin]++; sumP[bin] += prob; hits[bin] += o;
        }
        int n = Math.Max(rows.Length, 1);
        var bins = Enumerable.Range(0, 10).Select(b => new ReliabilityBin(b / 10.0, (b + 1) / 10.0, count[b],
            count[b] > 0 ? sumP[b] / count[b] : double.NaN, count[b] > 0 ? hits[b] / count[b] : double.NaN)).ToArray();
        return new ScoreSummary(brier / n, log / n, c / n, bins);
    }

    /// <summary>CRPS of the empirical distribution of sorted integer samples.</summary>
    public static double CrpsEmpirical(int[] sorted, int y)
    {
        double crps = 0;
        int max = Math.Max(sorted.Length > 0 ? sorted[^1] : 0, y), i = 0;
        for (int x = 0; x <= max; x++)
        {
            while (i < sorted.Length && sorted[i] <= x) i++;
            double f = sorted.Length > 0 ? (double)i / sorted.Length : 1, step = y <= x ? 1 : 0;
            crps += (f - step) * (f - step);
        }
        return crps;
    }

    /// <summary>CRPS of Poisson(mean), summing until F(x) ≈ 1 past y.</summary>
    public static double CrpsPoisson(double mean, int y)
    {
        double crps = 0, pmf = Math.Exp(-mean), cdf = 0;
        for (int x = 0; ; x++)
        {
            if (x > 0) pmf *= mean / x;
            cdf += pmf;
            double step = y <= x ? 1 : 0;
            crps += (cdf - step) * (cdf - step);
            if (x >= y && (1 - cdf < 1e-12 || x > mean + 50 * Math.Sqrt(mean + 1) + 50)) return crps;
        }
    }

    /// <summary>P(N ≥ k) for N ~ Poisson(mean).</summary>
    public static double PoissonAtLeast(double mean, int k)
    {
        if (k <= 0) return 1;
        double pmf = Math.Exp(-mean), cdf = pmf;
        for (int x = 1; x < k; x++) { pmf *= mean / x; cdf += pmf; }
        return Math.Clamp(1 - cdf, 0, 1);
    }
}
