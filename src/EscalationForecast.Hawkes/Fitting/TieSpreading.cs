namespace EscalationForecast.Hawkes;

/// <summary>
/// Ties: a day-precision event is only known to lie in [day, day+1). The n day-precision events of one day are
/// placed deterministically at day + (j + ½)/n, j = 0..n−1 in input order (the midpoints of n equal slices), so
/// no two share a time and the likelihood stays a continuous-time one. Exact events keep their times. The
/// simulation test <c>TieBiasTests</c> measures what this costs on the branching ratio.
/// </summary>
internal static class TieSpreading
{
    /// <summary>Spread times sorted ascending, and for each the index of the event in <paramref name="history"/>.</summary>
    public static (double[] Times, int[] Order) Apply(EventHistory history)
    {
        var src = history.Times;
        int n = src.Length;
        var times = new double[n];
        var order = new int[n];
        var day = history.DayPrecision;
        bool anyDay = false;
        for (int i = 0; i < n; i++) order[i] = i;
        if (day is null)
        {
            Array.Copy(src, times, n);
            return (times, order);
        }
        int runStart = -1, runCount = 0;
        for (int i = 0; i <= n; i++)
        {
            bool isDay = i < n && day[i];
            if (i < n && !isDay) { times[i] = src[i]; continue; }
            if (isDay) anyDay = true;
            if (runCount > 0 && (i == n || src[i] != src[runStart]))
            {
                // Place the run's events (possibly interleaved with exact ones) at the slice midpoints.
                for (int k = runStart, j = 0; j < runCount; k++)
                    if (day[k]) times[k] = src[runStart] + (j++ + 0.5) / runCount;
                runCount = 0;
            }
            if (i == n) break;
            if (runCount == 0) runStart = i;
            runCount++;
        }
        if (anyDay) SortStable(times, order);
        return (times, order);
    }

    /// <summary>Day-precision events at seeded uniform instants inside their day, sorted; for diagnostics only.</summary>
    public static (double[] Times, int[] Order) Randomise(EventHistory history, int seed)
    {
        var n = history.Times.Length;
        var times = new double[n];
        var order = new int[n];
        var rng = new Rng(seed, 0);
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            times[i] = history.IsDayPrecision(i) ? history.Times[i] + rng.NextUnit() * (1 - 1e-9) : history.Times[i];
        }
        SortStable(times, order);
        return (times, order);
    }

    private static void SortStable(double[] times, int[] order)
    {
        for (int i = 1; i < times.Length; i++)
            if (times[i] < times[i - 1])
            {
                var keys = new (double, int)[times.Length];
                for (int k = 0; k < keys.Length; k++) keys[k] = (times[k], order[k]);
                Array.Sort(keys);
                for (int k = 0; k < keys.Length; k++) (times[k], order[k]) = keys[k];
                return;
            }
    }
}
