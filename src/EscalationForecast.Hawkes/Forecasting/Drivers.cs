namespace EscalationForecast.Hawkes;

/// <summary>
/// λ(t) = Σ_d μ_d(t) + Σ_i m_i Σ_d α_(d,c_i) Σ_k π_k β_k e^(−β_k (t − t_i)), split into the background (with and
/// without the covariate multipliers in force) and each known event's term; the top events by contribution.
/// EventIndex indexes the given history.
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
            effects.Add(new EffectInForce(w.Effect, w.Name, Math.Exp(model.EffectLogMultipliers[j])));
        }
        var (times, order) = TieSpreading.Apply(history);
        var contributions = new List<EventContribution>();
        double excitation = 0;
        for (int i = 0; i < times.Length; i++)
        {
            int src = order[i];
            if (!ExcitationState.Known(history, src, t)) continue;
            double colSum = 0, kernel = 0;
            for (int d = 0; d < D; d++) colSum += model.Excitation[d][history.Channel[src]];
            for (int k = 0; k < K; k++) kernel += model.Weights[k] * model.Decays[k] * Math.Exp(-model.Decays[k] * (t - times[i]));
            double perDay = model.MarkFactor(history, src) * colSum * kernel;
            excitation += perDay;
            contributions.Add(new EventContribution(src, perDay));
        }
        var topEvents = contributions.OrderByDescending(c => c.PerDay).ThenBy(c => c.EventIndex).Take(Math.Max(top, 0)).ToArray();
        return new IntensityBreakdown(background + excitation, background, baseBackground, effects.ToArray(), topEvents);
    }
}
