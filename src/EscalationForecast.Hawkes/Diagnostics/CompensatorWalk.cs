namespace EscalationForecast.Hawkes;

/// <summary>
/// The compensator Λ_d(t) = ∫_start^t λ_d of a model along a (tie-spread) history, by the same recursion as the
/// likelihood: Λ_d(t) = ∫μ_d + Σ_e α_de Σ_k π_k (M_e(t) − A_ek(t)), M_e(t) = Σ_{t_j&lt;t, c_j=e} m_j.
/// </summary>
internal static class CompensatorWalk
{
    /// <summary>
    /// For each event i, Λ_(c_i)(t_i) (its own channel, excluding itself); for each sorted query time q,
    /// Σ_d Λ_d(q) counting events strictly before q. With <paramref name="weights"/> (w[i·D + c], the events' channel
    /// weights in this order) an event of uncertain channel excites as w_ic of an event of each channel c.
    /// </summary>
    public static (double[] AtEvents, double[] AtQueries) Run(HawkesModel model, double[] times, int[] channel,
        double[] markFactor, BackgroundGrid grid, double[] queries, double[]? weights = null)
    {
        int D = model.Dimension, K = model.Decays.Length, n = times.Length;
        var mu = grid.Background(model);
        var cumBg = new double[(grid.Count + 1) * D];
        for (int s = 0; s < grid.Count; s++)
            for (int d = 0; d < D; d++)
                cumBg[(s + 1) * D + d] = cumBg[s * D + d] + (grid.End[s] - grid.Start[s]) * mu[s * D + d];
        var a = new double[D * K]; var mass = new double[D];
        var atEvents = new double[n]; var atQueries = new double[queries.Length];
        double now = grid.Count > 0 ? grid.Start[0] : 0;
        int q = 0;
        for (int i = 0; i <= n; i++)
        {
            double next = i < n ? times[i] : double.PositiveInfinity;
            while (q < queries.Length && queries[q] <= next)
            {
                Advance(model, a, queries[q] - now); now = Math.Max(now, queries[q]);
                for (int d = 0; d < D; d++) atQueries[q] += Value(model, grid, cumBg, mu, a, mass, d, now);
                q++;
            }
            if (i == n) break;
            Advance(model, a, next - now); now = Math.Max(now, next);
            atEvents[i] = Value(model, grid, cumBg, mu, a, mass, channel[i], now);
            for (int c = 0; c < D; c++)
            {
                double m = markFactor[i] * (weights is null ? c == channel[i] ? 1 : 0 : weights[i * D + c]);
                if (m == 0) continue;
                for (int k = 0; k < K; k++) a[c * K + k] += m;
                mass[c] += m;
            }
        }
        return (atEvents, atQueries);
    }

    private static void Advance(HawkesModel model, double[] a, double dt)
    {
        if (dt <= 0) return;
        int K = model.Decays.Length;
        for (int k = 0; k < K; k++)
        {
            double dec = Math.Exp(-model.Decays[k] * dt);
            for (int e = 0; e < model.Dimension; e++) a[e * K + k] *= dec;
        }
    }

    private static double Value(HawkesModel model, BackgroundGrid grid, double[] cumBg, double[] mu, double[] a, double[] mass, int d, double t)
    {
        int D = model.Dimension, K = model.Decays.Length;
        int s = grid.SegmentOf(t);
        double v = cumBg[s * D + d] + (Math.Clamp(t, grid.Start[s], grid.End[s]) - grid.Start[s]) * mu[s * D + d];
        for (int e = 0; e < D; e++)
        {
            double alpha = model.Excitation[d][e];
            for (int k = 0; k < K; k++) v += alpha * model.Weights[k] * (mass[e] - a[e * K + k]);
        }
        return v;
    }
}
