using System.Diagnostics;

namespace EscalationForecast.Hawkes;

/// <summary>
/// A rolling-origin backtest: for each day D in [FirstDay, LastDay], forecast N[D, D+h) from the events of days
/// before D only (refitting every RefitEveryDays on data before D, warm-started from the previous fit), and score
/// P(N ≥ k) against climatology (the empirical distribution of h-day counts of all windows ending by D) and
/// poisson7 (Poisson with mean = trailing 7-day mean daily count × h). Days are counted by floor(time).
/// </summary>
public static class RollingBacktest
{
    public static BacktestResult Run(EventHistory history, Covariates covariates, BacktestOptions options)
    {
        var clock = Stopwatch.StartNew();
        history.Validate();
        int h = Math.Max(options.HorizonDays, 1);
        int firstDataDay = history.Count > 0 ? (int)Math.Floor(history.Times[0]) : (int)options.FirstDay;
        int lastDay = (int)options.LastDay;
        var counts = new int[Math.Max(lastDay + h - firstDataDay, 1)];
        foreach (double t in history.Times)
        {
            int day = (int)Math.Floor(t) - firstDataDay;
            if (day >= 0 && day < counts.Length) counts[day]++;
        }
        int first = (int)options.FirstDay - firstDataDay;
        int k = options.AtLeast ?? Threshold(counts.AsSpan(0, Math.Clamp(first, 0, counts.Length)), options.ThresholdQuantile);
        var rows = new List<BacktestRow>();
        HawkesModel? model = null;
        int refits = 0, lastFit = int.MinValue;
        for (int day = (int)options.FirstDay; day <= lastDay; day++)
        {
            int index = day - firstDataDay;
            if (index < 8) continue;
            if (model is null || day - lastFit >= options.RefitEveryDays)
            {
                model = HawkesFitter.Fit(history.Before(day), covariates, options.Fit with { End = day, WarmStart = model }).Model;
                lastFit = day; refits++;
            }
            var forecast = Forecaster.Forecast(model, history, covariates, day, h,
                new ForecastOptions { Paths = options.Paths, Seed = options.Seed + day, AtLeast = [k], Quantiles = [] });
            int observed = 0;
            for (int j = index; j < index + h; j++) observed += counts[j];
            var windows = new int[index - h + 1];
            for (int j = 0; j < windows.Length; j++)
                for (int l = j; l < j + h; l++) windows[j] += counts[l];
            Array.Sort(windows);
            double trailing = 0;
            for (int j = index - 7; j < index; j++) trailing += counts[j];
            double poissonMean = trailing / 7 * h;
            rows.Add(new BacktestRow(day, forecast.ProbabilityAtLeast[k], forecast.ExpectedCount,
                Forecaster.FractionAtLeast(windows, k), Scoring.PoissonAtLeast(poissonMean, k), observed, observed >= k)
            {
                ModelCrps = Scoring.CrpsEmpirical(forecast.SampledCounts, observed),
                ClimatologyCrps = Scoring.CrpsEmpirical(windows, observed),
                Poisson7Crps = Scoring.CrpsPoisson(poissonMean, observed),
            });
        }
        return Scoring.Result(rows.ToArray(), k, refits, clock.Elapsed.TotalSeconds);
    }

    /// <summary>k = the q-quantile (inverse empirical CDF) of the daily counts, at least 1.</summary>
    private static int Threshold(ReadOnlySpan<int> daily, double q)
    {
        if (daily.IsEmpty) return 1;
        var sorted = daily.ToArray();
        Array.Sort(sorted);
        return Math.Max(1, sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);
    }
}
