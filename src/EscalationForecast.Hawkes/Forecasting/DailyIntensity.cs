namespace EscalationForecast.Hawkes;

/// <summary>
/// Expected events per day conditional on the observed history: Λ(firstDay + k + 1) − Λ(firstDay + k), the
/// compensator summed over channels (<see cref="CompensatorWalk"/>), with every event of the history (tie-spread)
/// exciting from its time on (an event of uncertain channel by its expected excitation, Σ_c w_c α_dc) — the fitted
/// curve a series endpoint draws beside the daily counts.
/// </summary>
public static class DailyIntensity
{
    public static double[] ExpectedPerDay(HawkesModel model, EventHistory history, Covariates covariates, double firstDay, int days)
    {
        if (days <= 0) return [];
        var (times, order) = TieSpreading.Apply(history);
        var (channel, marks, weights) = GoodnessOfFit.Arrange(model, history, order);
        double start = Math.Min(firstDay, times.Length > 0 ? Math.Floor(times[0]) : firstDay);
        var grid = BackgroundGrid.ForModel(model, covariates, start, firstDay + days);
        var queries = new double[days + 1];
        for (int k = 0; k <= days; k++) queries[k] = firstDay + k;
        var (_, at) = CompensatorWalk.Run(model, times, channel, marks, grid, queries, weights);
        var perDay = new double[days];
        for (int k = 0; k < days; k++) perDay[k] = at[k + 1] - at[k];
        return perDay;
    }
}
