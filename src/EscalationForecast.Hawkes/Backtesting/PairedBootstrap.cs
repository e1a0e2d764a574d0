namespace EscalationForecast.Hawkes;

/// <summary>A mean score difference (model − baseline; below zero the model is better) and its 95% interval.</summary>
public sealed record ScoreDifference(double Mean, double Lower, double Upper);

/// <summary>The model against each baseline on each score, pooled over the backtests given.</summary>
public sealed record SkillIntervals(ScoreDifference BrierClimatology, ScoreDifference BrierPoisson7, ScoreDifference LogClimatology,
    ScoreDifference LogPoisson7, ScoreDifference CrpsClimatology, ScoreDifference CrpsPoisson7);

/// <summary>
/// Paired moving-block bootstrap (Künsch 1989) of the mean difference of per-day scores, model − baseline, over
/// one or several theaters' backtests of the same days: a day's differences of every theater stay together (the
/// theaters' days are correlated), and blocks of consecutive days (7 by default) keep the serial dependence. The
/// interval is the 2.5%-97.5% percentile interval of the resampled means; the seed fixes it.
/// </summary>
public static class PairedBootstrap
{
    public static SkillIntervals Intervals(IReadOnlyList<BacktestResult> results, int blockDays = 7, int replicates = 2_000, int seed = 17)
    {
        ScoreDifference Of(Func<BacktestRow, double> model, Func<BacktestRow, double> baseline) =>
            Difference(results, r => model(r) - baseline(r), blockDays, replicates, seed);
        return new SkillIntervals(
            Of(r => Scoring.Brier(r.ModelProbability, r.Escalation), r => Scoring.Brier(r.ClimatologyProbability, r.Escalation)),
            Of(r => Scoring.Brier(r.ModelProbability, r.Escalation), r => Scoring.Brier(r.Poisson7Probability, r.Escalation)),
            Of(r => Scoring.Log(r.ModelProbability, r.Escalation), r => Scoring.Log(r.ClimatologyProbability, r.Escalation)),
            Of(r => Scoring.Log(r.ModelProbability, r.Escalation), r => Scoring.Log(r.Poisson7Probability, r.Escalation)),
            Of(r => r.ModelCrps, r => r.ClimatologyCrps), Of(r => r.ModelCrps, r => r.Poisson7Crps));
    }

    /// <summary>Mean of diff over all rows, and its block-bootstrap interval (rows grouped by their day).</summary>
    public static ScoreDifference Difference(IReadOnlyList<BacktestResult> results, Func<BacktestRow, double> diff,
        int blockDays = 7, int replicates = 2_000, int seed = 17)
    {
        var byDay = results.SelectMany(r => r.Rows).GroupBy(r => r.Day).OrderBy(g => g.Key)
            .Select(g => (Sum: g.Sum(diff), Count: g.Count())).ToArray();
        int n = byDay.Length;
        if (n == 0) return new ScoreDifference(double.NaN, double.NaN, double.NaN);
        double mean = byDay.Sum(d => d.Sum) / byDay.Sum(d => d.Count);
        int block = Math.Clamp(blockDays, 1, n), starts = n - block + 1;
        var means = new double[replicates];
        var random = new Random(seed);
        for (int b = 0; b < replicates; b++)
        {
            double sum = 0; int count = 0;
            for (int taken = 0; taken < n; taken += block)
            {
                int s = random.Next(starts);
                for (int j = s; j < s + block && taken + (j - s) < n; j++) { sum += byDay[j].Sum; count += byDay[j].Count; }
            }
            means[b] = sum / count;
        }
        Array.Sort(means);
        return new ScoreDifference(mean, means[(int)(0.025 * (replicates - 1))], means[(int)Math.Ceiling(0.975 * (replicates - 1))]);
    }
}
