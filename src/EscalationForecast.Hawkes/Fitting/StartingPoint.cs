namespace EscalationForecast.Hawkes;

/// <summary>What a fit of one history shares across kernels.</summary>
internal sealed record FitContext(string[] Channels, string[] Families, double BlockLength, int Blocks, bool Marks, double WeeklyStepSd);

/// <summary>Where the optimiser starts: the prior means, a previous model (warm start), or a fitted exponential.</summary>
internal static class StartingPoint
{
    public static double[] Default(ParameterLayout p, Priors priors)
    {
        var x = new double[p.Count];
        for (int i = 0; i < p.MainCount; i++) x[i] = priors.Mean(i);
        for (int d = 0; d < p.D; d++) x[p.Theta + d] += Math.Log(0.7); // part of the rate is excitation
        return x;
    }

    /// <summary>
    /// x from a previous model: θ, α (through the inverse of the row-softmax map), β and π (when the kernel
    /// matches), γ by family name, η, and each new block's level read from the old model at the block's midpoint.
    /// </summary>
    public static double[] FromModel(ParameterLayout p, Priors priors, HawkesModel model, FitContext ctx, double dataStart)
    {
        var x = Default(p, priors);
        if (model.Dimension != p.D) return x;
        for (int d = 0; d < p.D; d++)
        {
            x[p.Theta + d] = model.LogBaseline[d];
            for (int e = 0; e < p.D; e++) x[p.Alpha + d * p.D + e] = ParameterLayout.AlphaLogit(model.Excitation[d], e);
        }
        if (model.Decays.Length == p.K)
        {
            for (int k = 0; k < p.K; k++) x[p.LogBeta + k] = Math.Log(model.Decays[k]);
            for (int k = 1; k < p.K; k++) x[p.WeightLogit + k - 1] = Math.Log(model.Weights[k] / model.Weights[0]);
        }
        for (int j = 0; j < p.J; j++)
        {
            int old = model.FamilyIndex(ctx.Families[j]);
            if (old >= 0) x[p.Gamma + j] = model.EffectLogMultipliers[old];
        }
        if (p.Marks && model.UsesMarks) x[p.Eta] = model.MarkExponent;
        for (int k = 0; k < p.B; k++) x[p.Block + k] = model.BlockLevels[model.BlockOf(dataStart + (k + 0.5) * ctx.BlockLength)];
        return x;
    }

    /// <summary>
    /// A sum of K exponentials started from a fitted single exponential: the fastest at 2β, each further one 8
    /// times slower (a single exponential fitted to two scales lands near the fast one), equal weights.
    /// </summary>
    public static double[] FromExponential(ParameterLayout p, ParameterLayout single, double[] xSingle)
    {
        var x = new double[p.Count];
        Array.Copy(xSingle, 0, x, 0, single.LogBeta);
        double logBeta = xSingle[single.LogBeta];
        for (int k = 0; k < p.K; k++) x[p.LogBeta + k] = logBeta + Math.Log(2) - Math.Log(8) * k;
        Array.Copy(xSingle, single.Gamma, x, p.Gamma, single.Count - single.Gamma);
        return x;
    }
}
