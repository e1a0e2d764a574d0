using System.Runtime.CompilerServices;

namespace EscalationForecast.Hawkes;

/// <summary>
/// The recursion state at time t of the events known by t: A_ek(t) = Σ_{j known} w_je m_j e^(−β_k (t − t_j)), w_je the
/// event's weight in channel e (1 in its channel when it is certain, its attribution otherwise: the expected excitation),
/// so the excitation of channel d is Σ_e α_de Σ_k π_k β_k A_ek(t) and, with no new events, it integrates over
/// (t, t+h] to Σ_e α_de Σ_k π_k A_ek(t)(1 − e^(−β_k h)).
/// </summary>
internal static class ExcitationState
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public static double[] At(HawkesModel model, EventHistory history, double t)
    {
        int D = model.Dimension, K = model.Decays.Length;
        var a = new double[D * K];
        var (times, order) = TieSpreading.Apply(history);
        for (int i = 0; i < times.Length; i++)
        {
            int src = order[i];
            if (!Known(history, src, t)) continue;
            double m = model.MarkFactor(history, src);
            for (int e = 0; e < D; e++)
            {
                double w = history.Weight(src, e);
                if (w == 0) continue;
                for (int k = 0; k < K; k++) a[e * K + k] += w * m * Math.Exp(-model.Decays[k] * (t - times[i]));
            }
        }
        return a;
    }

    public static bool Known(EventHistory history, int i, double t) =>
        history.IsDayPrecision(i) ? history.Times[i] + 1.0 <= t : history.Times[i] < t;

    /// <summary>λ_d excitation part Σ_e α_de Σ_k π_k β_k A_ek.</summary>
    public static double Excitation(HawkesModel model, ReadOnlySpan<double> a, int d)
    {
        int K = model.Decays.Length;
        double v = 0;
        for (int e = 0; e < model.Dimension; e++)
            for (int k = 0; k < K; k++) v += model.Excitation[d][e] * model.Weights[k] * model.Decays[k] * a[e * K + k];
        return v;
    }
}
