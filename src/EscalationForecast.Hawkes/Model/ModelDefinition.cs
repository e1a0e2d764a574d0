namespace EscalationForecast.Hawkes;

/// <summary>Models written down rather than fitted: for simulation studies, tests and notebooks.</summary>
public static class ModelDefinition
{
    /// <summary>
    /// A model with a constant background per channel (b ≡ 0, one block over [start, end)), the given branching
    /// matrix α[target][source], kernel decays β_k with weights π_k (default one exponential), and covariate
    /// families with their multipliers exp(γ).
    /// </summary>
    public static HawkesModel Create(string[] channels, double[] baselinePerDay, double[][] excitation, double[] decays,
        double[]? weights = null, IReadOnlyDictionary<string, double>? effectMultipliers = null, double start = 0, double end = 1)
    {
        weights ??= decays.Length == 1 ? [1.0] : Enumerable.Repeat(1.0 / decays.Length, decays.Length).ToArray();
        var families = effectMultipliers?.Keys.ToArray() ?? [];
        double meanLag = 0;
        for (int k = 0; k < decays.Length; k++) meanLag += weights[k] / decays[k];
        return new HawkesModel
        {
            Kernel = decays.Length == 1 ? HawkesModel.ExponentialKernel : HawkesModel.SumOfExponentialsKernel,
            Channels = channels,
            BranchingRatio = ModelAssembly.SpectralRadius(excitation),
            DecayHalfLifeDays = Math.Log(2) * meanLag,
            BaselinePerDay = baselinePerDay,
            Excitation = excitation,
            Effects = families.ToDictionary(f => f, f => new EffectEstimate(effectMultipliers![f], 0)),
            Parameters = [],
            DataStart = start, DataEnd = end,
            Decays = decays, Weights = weights,
            LogBaseline = baselinePerDay.Select(v => Math.Log(v)).ToArray(),
            BlockLength = Math.Max(end - start, 1), BlockLevels = [0.0],
            EffectFamilies = families,
            EffectLogMultipliers = families.Select(f => Math.Log(effectMultipliers![f])).ToArray(),
        };
    }
}
