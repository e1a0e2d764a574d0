namespace EscalationForecast.Hawkes;

/// <summary>
/// Forecasts of N over the days [from, from + h) of a <see cref="DayCountModel"/> from the day counts known at
/// <c>from</c> (the days before it). One day ahead the count is NB(λ_from, r) exactly; over several days the
/// states move with each simulated day (<c>paths</c> draws, a seeded generator per block of 250, so the answer
/// does not depend on scheduling).
/// </summary>
public static class DayCountForecaster
{
    private const int BlockSize = 250;

    /// <summary>λ and r of the next day's count: the exact one-day forecast.</summary>
    public static (double Mean, double Size) NextDay(DayCountModel model, EventHistory history, Covariates covariates, int day)
    {
        var counts = DayCountSeries.Counts(history.Before(day), model.FirstDay, day);
        var (level, excitation) = model.StateAt(counts, day);
        return (model.Mean(day, level, excitation, covariates), model.Size);
    }

    public static CountForecast Forecast(DayCountModel model, EventHistory history, Covariates covariates, int from, int horizonDays,
        ForecastOptions? options = null)
    {
        options ??= new ForecastOptions();
        if (horizonDays < 1) throw new ArgumentOutOfRangeException(nameof(horizonDays), "The horizon must be at least one day.");
        var counts = DayCountSeries.Counts(history.Before(from), model.FirstDay, from);
        var (level, excitation) = model.StateAt(counts, from);
        double first = model.Mean(from, level, excitation, covariates);
        double baseline = model.Multiplier(from, covariates) * (model.Base + model.LevelWeight * level);
        int paths = Math.Max(options.Paths, 1);
        var sampled = new int[paths];
        Parallel.For(0, (paths + BlockSize - 1) / BlockSize, b =>
        {
            var random = new Random(unchecked(options.Seed * 1_000_003 + b));
            for (int p = b * BlockSize, end = Math.Min(paths, p + BlockSize); p < end; p++)
                sampled[p] = SimulatePath(model, covariates, from, horizonDays, level, excitation, random);
        });
        Array.Sort(sampled);
        double expected = horizonDays == 1 ? first : sampled.Average();
        var quantiles = options.Quantiles.ToDictionary(q => q, q => horizonDays == 1 ? Quantile(first, model.Size, q) : sampled[Math.Clamp((int)Math.Ceiling(q * paths) - 1, 0, paths - 1)]);
        double Tail(int k) => horizonDays == 1 ? NegativeBinomial.AtLeast(first, model.Size, k) : k <= 0 ? 1 : Forecaster.FractionAtLeast(sampled, k);
        var atLeast = options.AtLeast.Distinct().ToDictionary(k => k, Tail);
        return new CountForecast(expected, quantiles, atLeast, Tail(1), first, baseline) { SampledCounts = sampled };
    }

    private static int SimulatePath(DayCountModel model, Covariates covariates, int from, int h, double level, double excitation, Random random)
    {
        int total = 0;
        for (int day = from; day < from + h; day++)
        {
            int n = NegativeBinomial.Sample(model.Mean(day, level, excitation, covariates), model.Size, random);
            total += n;
            level = model.LevelMemory * level + (1 - model.LevelMemory) * n;
            excitation = model.ExcitationMemory * excitation + (1 - model.ExcitationMemory) * n;
        }
        return total;
    }

    /// <summary>The smallest y with F(y) ≥ q.</summary>
    private static int Quantile(double mean, double size, double q)
    {
        double cdf = 0;
        var p = NegativeBinomial.Pmf(mean, size, (int)(mean * 20 + 200));
        for (int y = 0; y < p.Length; y++) { cdf += p[y]; if (cdf >= q) return y; }
        return p.Length - 1;
    }
}
