using System.Runtime.CompilerServices;

namespace EscalationForecast.Hawkes;

/// <summary>
/// Ogata's (1981) thinning on [from, to): between events and inside a background segment λ(t) is non-increasing,
/// so λ̄ = Σ_d λ_d(now) bounds it until the next acceptance or segment edge. Propose w ~ Exp(λ̄); past the segment
/// edge, move to the edge instead; otherwise accept with probability λ(now+w)/λ̄ and pick the channel in proportion
/// to λ_d. New events excite with the model's mean mark factor (their marks are unknown).
/// </summary>
internal sealed class PathSimulator(HawkesModel model, BackgroundGrid grid)
{
    private readonly double[] _mu = grid.Background(model);
    private readonly int _d = model.Dimension, _k = model.Decays.Length;

    /// <summary>α_de π_k β_k at [d·D·K + e·K + k]: λ_d = μ_d + Σ_(e,k) coefficient · A_ek (as <see cref="ExcitationState.Excitation"/>).</summary>
    private readonly double[] _coefficients = Coefficients(model);

    private static double[] Coefficients(HawkesModel model)
    {
        int D = model.Dimension, K = model.Decays.Length;
        var c = new double[D * D * K];
        for (int d = 0; d < D; d++)
            for (int e = 0; e < D; e++)
                for (int k = 0; k < K; k++) c[(d * D + e) * K + k] = model.Excitation[d][e] * model.Weights[k] * model.Decays[k];
        return c;
    }

    /// <summary>Number of events of one path; the state a (D·K) is consumed. Events are added to sink if given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public int Run(Span<double> a, ref Rng rng, List<(double Time, int Channel)>? sink = null)
    {
        if (_d == 1 && _k == 1 && sink is null) return RunUnivariateExponential(ref a[0], ref rng);
        int count = 0, D = _d, K = _k;
        Span<double> lam = stackalloc double[D];
        var beta = model.Decays;
        for (int s = 0; s < grid.Count; s++)
        {
            double now = grid.Start[s], end = grid.End[s];
            double bound = Intensities(a, s, lam);
            while (true)
            {
                double w = rng.NextExponential(bound);
                if (now + w >= end) { Decay(a, end - now, beta); break; }
                now += w;
                Decay(a, w, beta);
                double total = Intensities(a, s, lam), u = rng.NextUnit() * bound;
                if (u > total)
                {
                    bound = total; // rejected: λ(now) bounds what follows until the next event
                    continue;
                }
                int d = 0;
                for (double acc = lam[0]; acc < u && d < D - 1; acc += lam[++d]) { }
                for (int k = 0; k < K; k++) a[d * K + k] += model.MeanMarkFactor;
                count++;
                sink?.Add((now, d));
                bound = Intensities(a, s, lam);
            }
        }
        return count;
    }

    /// <summary>
    /// The same thinning for D = K = 1 with the excitation E = αβA in a register: per proposal one logarithm
    /// (the exponential draw), one exponential (the decay e^(−βw)) and no allocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    private int RunUnivariateExponential(ref double a, ref Rng rng)
    {
        double ab = model.Excitation[0][0] * model.Decays[0], beta = model.Decays[0], jump = ab * model.MeanMarkFactor;
        double excitation = ab * a;
        int count = 0;
        for (int s = 0; s < grid.Count; s++)
        {
            double now = grid.Start[s], end = grid.End[s], mu = _mu[s];
            while (true)
            {
                double bound = mu + excitation, w = rng.NextExponential(bound);
                if (now + w >= end) { excitation *= Math.Exp(-beta * (end - now)); break; }
                now += w;
                excitation *= Math.Exp(-beta * w);
                if (rng.NextUnit() * bound > mu + excitation) continue;
                excitation += jump;
                count++;
            }
        }
        if (ab > 0) a = excitation / ab; // the state is consumed; kept consistent for callers that read it
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    private double Intensities(ReadOnlySpan<double> a, int s, Span<double> lam)
    {
        int width = _d * _k;
        double total = 0;
        for (int d = 0; d < _d; d++)
        {
            double v = 0;
            var row = _coefficients.AsSpan(d * width, width);
            for (int i = 0; i < row.Length; i++) v += row[i] * a[i];
            total += lam[d] = _mu[s * _d + d] + v;
        }
        return total;
    }

    private void Decay(Span<double> a, double dt, double[] beta)
    {
        for (int k = 0; k < _k; k++)
        {
            double dec = Math.Exp(-beta[k] * dt);
            for (int e = 0; e < _d; e++) a[e * _k + k] *= dec;
        }
    }
}
