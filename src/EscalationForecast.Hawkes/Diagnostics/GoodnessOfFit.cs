namespace EscalationForecast.Hawkes;

/// <summary>
/// Time-rescaling theorem (Brown et al. 2002; Ogata 1988): under the true model the compensator increments
/// τ = Λ_c(t_i) − Λ_c(t_prev) between consecutive events of a channel are iid Exp(1), so u = 1 − e^(−τ) is
/// Uniform(0,1); pooled over channels they are tested with the Kolmogorov–Smirnov statistic.
/// Day-precision events are placed at seeded uniform random instants inside their day for this test (randomised
/// time rescaling for discretised data, as in Haslinger, Pipa &amp; Brown 2010): the even spreading the fit uses
/// makes the gaps within a day regular, and the KS test would reject every model of day-level data for that alone.
/// An event of uncertain channel counts as an event of its most probable channel here (the test needs one channel per
/// event); it excites as its weights say.
/// </summary>
public static class GoodnessOfFit
{
    /// <summary>
    /// The rescaled inter-event times τ of every event of the history, in time order; day-precision events at
    /// seeded random instants of their day (<paramref name="seed"/>), or, with no seed, spread as the fit spreads them.
    /// </summary>
    public static double[] Residuals(HawkesModel model, EventHistory history, Covariates covariates, int? seed = 0)
    {
        var (times, order) = seed is { } s ? TieSpreading.Randomise(history, s) : TieSpreading.Apply(history);
        var (channel, marks, weights) = Arrange(model, history, order);
        double start = Math.Min(model.DataStart, times.Length > 0 ? times[0] : model.DataStart);
        double end = Math.Max(model.DataEnd, times.Length > 0 ? times[^1] + 1 : model.DataEnd);
        var grid = BackgroundGrid.ForModel(model, covariates, start, end);
        var (atEvents, _) = CompensatorWalk.Run(model, times, channel, marks, grid, [], weights);
        var last = new double[model.Dimension];
        var tau = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            tau[i] = atEvents[i] - last[channel[i]];
            last[channel[i]] = atEvents[i];
        }
        return tau;
    }

    /// <summary>Each event's channel, mark factor and (for events of uncertain channel) channel weights, in the given order.</summary>
    internal static (int[] Channel, double[] Marks, double[]? Weights) Arrange(HawkesModel model, EventHistory history, int[] order)
    {
        int n = order.Length, D = history.Channels.Length;
        var channel = new int[n]; var marks = new double[n];
        var weights = history.Attribution is null ? null : new double[n * D];
        for (int i = 0; i < n; i++)
        {
            channel[i] = history.Channel[order[i]];
            marks[i] = model.MarkFactor(history, order[i]);
            if (weights is not null) Array.Copy(history.Attribution!, order[i] * D, weights, i * D, D);
        }
        return (channel, marks, weights);
    }

    /// <summary>KS statistic and asymptotic p-value of u = 1 − e^(−τ) against Uniform(0,1).</summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(ReadOnlySpan<double> tau)
    {
        int n = tau.Length;
        if (n == 0) return (0, 1);
        var u = new double[n];
        for (int i = 0; i < n; i++) u[i] = 1 - Math.Exp(-Math.Max(tau[i], 0));
        Array.Sort(u);
        double dMax = 0;
        for (int i = 0; i < n; i++) dMax = Math.Max(dMax, Math.Max((i + 1.0) / n - u[i], u[i] - (double)i / n));
        return (dMax, Kolmogorov.PValue(dMax, n));
    }
}

/// <summary>
/// P(D_n > d) ≈ Q_KS((√n + 0.12 + 0.11/√n)·d), Q_KS(λ) = 2 Σ_{k≥1} (−1)^(k−1) e^(−2k²λ²) (Stephens 1970;
/// Numerical Recipes §14.3), accurate to a few per cent for n ≥ 5.
/// </summary>
public static class Kolmogorov
{
    public static double PValue(double d, int n)
    {
        double sn = Math.Sqrt(n), lambda = (sn + 0.12 + 0.11 / sn) * d;
        if (lambda < 0.2) return 1;
        double sum = 0, sign = 1;
        for (int k = 1; k <= 100; k++)
        {
            double term = sign * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
