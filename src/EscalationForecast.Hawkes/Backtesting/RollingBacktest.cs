using System.Diagnostics;

namespace EscalationForecast.Hawkes;

/// <summary>
/// A rolling-origin backtest: for each day D in [FirstDay, LastDay], forecast N[D, D+h) from the events of days
/// before D only (refitting every RefitEveryDays on data before D), and score P(N ≥ k) against climatology (the
/// empirical distribution of h-day counts of all windows ending by D) and poisson7 (Poisson with mean = trailing
/// 7-day mean daily count × h). Days are counted by floor(time). The model is the continuous Hawkes process
/// (warm-started from the previous fit) or, for day-precision data, the <see cref="DayCountModel"/>.
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
        var counts = DayCountSeries.Counts(history, firstDataDay, Math.Max(lastDay + h, firstDataDay + 1));
        int first = (int)options.FirstDay - firstDataDay;
        int thresholdFrom = options.ThresholdWindowDays is { } w ? Math.Max(first - w, 0) : 0;
        int k = options.AtLeast ?? Threshold(counts.AsSpan(Math.Clamp(thresholdFrom, 0, counts.Length),
            Math.Clamp(first, 0, counts.Length) - Math.Clamp(thresholdFrom, 0, counts.Length)), options.ThresholdQuantile);
        bool dayCounts = options.Model == BacktestModel.DayCounts || options.Model == BacktestModel.Auto && DayCountFitter.Applies(history);
        var rows = new List<BacktestRow>();
        HawkesModel? model = null;
        DayCountModel? daily = null;
        int refits = 0, lastFit = int.MinValue / 2;
        var earlier = new List<(int Day, double P, bool Escalation)>();
        int start = (int)options.FirstDay - (options.Recalibrate ? Math.Max(options.WarmUpDays, 0) : 0);
        for (int day = start; day <= lastDay; day++)
        {
            int index = day - firstDataDay;
            if (index < 8) continue;
            if (day - lastFit >= options.RefitEveryDays)
            {
                if (dayCounts) daily = DayCountFitter.Fit(history, covariates, day, options.DayCounts);
                else model = HawkesFitter.Fit(history.Before(day), covariates, options.Fit with { End = day, WarmStart = model }).Model;
                lastFit = day; refits++;
            }
            int observed = 0;
            for (int j = index; j < index + h; j++) observed += counts[j];
            var (p, expected, crps) = dayCounts
                ? DayCountDay(daily!, history, covariates, day, h, k, observed, options)
                : ContinuousDay(model!, history, covariates, day, h, k, observed, options);
            double raw = p;
            if (options.Recalibrate) p = Recalibrated(earlier, day - h, p);
            earlier.Add((day, raw, observed >= k));
            if (day < options.FirstDay) continue;
            var windows = new int[index - h + 1];
            for (int j = 0; j < windows.Length; j++)
                for (int l = j; l < j + h; l++) windows[j] += counts[l];
            Array.Sort(windows);
            double trailing = 0;
            for (int j = index - 7; j < index; j++) trailing += counts[j];
            double poissonMean = trailing / 7 * h;
            rows.Add(new BacktestRow(day, p, expected, Forecaster.FractionAtLeast(windows, k), Scoring.PoissonAtLeast(poissonMean, k), observed, observed >= k)
            {
                RawModelProbability = raw, ModelCrps = crps,
                ClimatologyCrps = Scoring.CrpsEmpirical(windows, observed),
                Poisson7Crps = Scoring.CrpsPoisson(poissonMean, observed),
            });
        }
        return Scoring.Result(rows.ToArray(), k, refits, clock.Elapsed.TotalSeconds) with { ModelKind = dayCounts ? "day-counts" : "continuous" };
    }

    private static (double P, double Expected, double Crps) ContinuousDay(HawkesModel model, EventHistory history, Covariates covariates,
        int day, int h, int k, int observed, BacktestOptions options)
    {
        var forecast = Forecaster.Forecast(model, history, covariates, day, h,
            new ForecastOptions { Paths = options.Paths, Seed = options.Seed + day, AtLeast = [k], Quantiles = [] });
        return (forecast.ProbabilityAtLeast[k], forecast.ExpectedCount, Scoring.CrpsEmpirical(forecast.SampledCounts, observed));
    }

    /// <summary>One day ahead the NB count is exact (its CRPS too); further ahead the simulated paths.</summary>
    private static (double P, double Expected, double Crps) DayCountDay(DayCountModel model, EventHistory history, Covariates covariates,
        int day, int h, int k, int observed, BacktestOptions options)
    {
        if (h == 1)
        {
            var (mean, size) = DayCountForecaster.NextDay(model, history, covariates, day);
            return (NegativeBinomial.AtLeast(mean, size, k), mean, NegativeBinomial.Crps(mean, size, observed));
        }
        var forecast = DayCountForecaster.Forecast(model, history, covariates, day, h,
            new ForecastOptions { Paths = options.Paths, Seed = options.Seed + day, AtLeast = [k], Quantiles = [] });
        return (forecast.ProbabilityAtLeast[k], forecast.ExpectedCount, Scoring.CrpsEmpirical(forecast.SampledCounts, observed));
    }

    /// <summary>p recalibrated on the forecasts of days ≤ lastKnown (outcomes known); the identity before 28 of them.</summary>
    private static double Recalibrated(List<(int Day, double P, bool Escalation)> earlier, int lastKnown, double p)
    {
        var known = earlier.Where(e => e.Day <= lastKnown).ToArray();
        if (known.Length < 28) return p;
        return Recalibration.Fit(known.Select(e => e.P).ToArray(), known.Select(e => e.Escalation).ToArray()).Apply(p);
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
