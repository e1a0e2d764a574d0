namespace EscalationForecast.Hawkes;

/// <summary>Day counts of a history (all channels together) and the covariate exposures of a day.</summary>
public static class DayCountSeries
{
    /// <summary>The first day with an event: floor of the first time.</summary>
    public static int FirstDay(EventHistory history) => history.Count > 0 ? (int)Math.Floor(history.Times[0]) : 0;

    /// <summary>counts[i] = the events whose floor(time) is firstDay + i, for days firstDay .. endDay − 1.</summary>
    public static int[] Counts(EventHistory history, int firstDay, int endDay)
    {
        var counts = new int[Math.Max(endDay - firstDay, 0)];
        foreach (double t in history.Times)
        {
            int i = (int)Math.Floor(t) - firstDay;
            if (i >= 0 && i < counts.Length) counts[i]++;
        }
        return counts;
    }

    /// <summary>
    /// x_j(day) = the largest exposure at the day's midpoint of a window of family j on some channel (1 for an
    /// indicator window, the ramp's value that day for a scheduled date); Σ_j γ_j x_j.
    /// </summary>
    public static double ContextExponent(string[] families, double[] gamma, Covariates covariates, int day)
    {
        if (families.Length == 0) return 0;
        double s = 0, t = day + 0.5;
        for (int j = 0; j < families.Length; j++) s += gamma[j] * covariates.ExposureOf(families[j], t);
        return s;
    }

    /// <summary>The exposure matrix x[t · J + j] for the days firstDay .. firstDay + days − 1.</summary>
    public static double[] Indicators(string[] families, Covariates covariates, int firstDay, int days)
    {
        int J = families.Length;
        var x = new double[days * J];
        for (int j = 0; j < J; j++)
        {
            var single = new double[J];
            single[j] = 1;
            for (int t = 0; t < days; t++) x[t * J + j] = ContextExponent(families, single, covariates, firstDay + t);
        }
        return x;
    }
}
