namespace EscalationForecast.Hawkes;

/// <summary>
/// λ(t) = Σ_d μ_d(t) + Σ_i m_i Σ_c w_ic Σ_d α_(d,c) Σ_k π_k β_k e^(−β_k (t − t_i)), split into the background (with
/// and without the covariate multipliers in force) and each known event's term (an event of uncertain channel by its
/// expected contribution, weighted by its attribution w_ic); the top events by contribution. EventIndex indexes the
/// given history. An effect in force is reported with its multiplier now, exp(γ·x(t)), and at its peak, exp(γ).
/// </summary>
public static class Drivers
{
    public static IntensityBreakdown Explain(HawkesModel model, EventHistory history, Covariates covariates, double t, int top = 10)
    {
        int D = model.Dimension, K = model.Decays.Length;
        double background = 0, baseBackground = 0;
        for (int d = 0; d < D; d++)
        {
            background += model.Background(d, t, covariates);
            baseBackground += Math.Exp(model.LogBaseline[d] + model.BlockLevels[model.BlockOf(t)]);
        }
        var effects = new List<EffectInForce>();
        foreach (var w in covariates.Windows)
        {
            int j = model.FamilyIndex(w.Effect);
            if (j < 0 || t < w.Start || t >= w.End) continue;
            double gamma = model.EffectLogMultipliers[j];
            effects.Add(new EffectInForce(w.Effect, w.Name, Math.Exp(gamma * w.Exposure(t))) { Exposure = w.Exposure(t), PeakMultiplier = Math.Exp(gamma), Window = w });
        }
        var (times, order) = TieSpreading.Apply(history);
        var contributions = new List<EventContribution>();
        double excitation = 0;
        for (int i = 0; i < times.Length; i++)
        {
            int src = order[i];
            if (!ExcitationState.Known(history, src, t)) continue;
            double colSum = 0, kernel = 0;
            for (int e = 0; e < D; e++)
            {
                double w = history.Weight(src, e);
                if (w == 0) continue;
                for (int d = 0; d < D; d++) colSum += w * model.Excitation[d][e];
            }
            for (int k = 0; k < K; k++) kernel += model.Weights[k] * model.Decays[k] * Math.Exp(-model.Decays[k] * (t - times[i]));
            double perDay = model.MarkFactor(history, src) * colSum * kernel;
            excitation += perDay;
            contributions.Add(new EventContribution(src, perDay));
        }
        var topEvents = contributions.OrderByDescending(c => c.PerDay).ThenBy(c => c.EventIndex).Take(Math.Max(top, 0)).ToArray();
        return new IntensityBreakdown(background + excitation, background, baseBackground, effects.ToArray(), topEvents);
    }
}
