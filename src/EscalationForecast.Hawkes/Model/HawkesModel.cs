namespace EscalationForecast.Hawkes;

/// <summary>
/// A fitted Hawkes process, immutable and JSON-serialisable (System.Text.Json; NaN standard errors need
/// <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c>):
///   λ_d(t) = μ_d(t) + Σ_i α[d][c_i] · m_i · g(t − t_i),   g(s) = Σ_k π_k β_k e^(−β_k s)   (∫g = 1),
///   μ_d(t) = exp(θ_d + b(t) + Σ_j γ_j x_dj(t)),           m_i = (mark_i / MarkReference)^η (1 without marks).
/// b(t) is piecewise constant over blocks of <see cref="BlockLength"/> days from <see cref="DataStart"/>; before
/// the first block it is the first level and after the last block the last level (the background persists).
/// </summary>
public sealed record HawkesModel
{
    public const string ExponentialKernel = "exponential", SumOfExponentialsKernel = "sum-of-exponentials";

    /// <summary>"exponential" | "sum-of-exponentials".</summary>
    public required string Kernel { get; init; }
    public required string[] Channels { get; init; }
    /// <summary>Spectral radius of the branching matrix (α times the mean mark factor): &lt; 1 means stationary.</summary>
    public required double BranchingRatio { get; init; }
    /// <summary>ln2/β; for a sum of exponentials ln2 · Σ π_k/β_k, the half-life of the exponential with the kernel's mean lag.</summary>
    public required double DecayHalfLifeDays { get; init; }
    /// <summary>Per channel, the mean of μ_d(t) over [DataStart, DataEnd), covariates included.</summary>
    public required double[] BaselinePerDay { get; init; }
    /// <summary>Branching matrix α[target][source]: expected direct offspring in target of one source event.</summary>
    public required double[][] Excitation { get; init; }
    public required IReadOnlyDictionary<string, EffectEstimate> Effects { get; init; }
    public required ParameterEstimate[] Parameters { get; init; }
    public required double DataStart { get; init; }
    public required double DataEnd { get; init; }

    /// <summary>β_k per day, fastest first.</summary>
    public required double[] Decays { get; init; }
    /// <summary>π_k, summing to 1.</summary>
    public required double[] Weights { get; init; }
    /// <summary>θ_d.</summary>
    public required double[] LogBaseline { get; init; }
    public required double BlockLength { get; init; }
    /// <summary>b_k, one per block.</summary>
    public required double[] BlockLevels { get; init; }
    public required string[] EffectFamilies { get; init; }
    /// <summary>γ_j, aligned with <see cref="EffectFamilies"/>.</summary>
    public required double[] EffectLogMultipliers { get; init; }
    public bool UsesMarks { get; init; }
    public double MarkExponent { get; init; }
    public double MarkReference { get; init; } = 1;
    /// <summary>Mean m_i over the fitted events: the factor simulated events (whose marks are unknown) excite with.</summary>
    public double MeanMarkFactor { get; init; } = 1;

    public int Dimension => Channels.Length;

    public int BlockOf(double t)
    {
        int k = (int)Math.Floor((t - DataStart) / BlockLength);
        return Math.Clamp(k, 0, BlockLevels.Length - 1);
    }

    public int FamilyIndex(string effect) => Array.IndexOf(EffectFamilies, effect);

    /// <summary>m(mark) = (mark/MarkReference)^η; 1 without marks.</summary>
    public double MarkFactor(EventHistory history, int i) =>
        UsesMarks && history.Marks is not null ? Math.Pow(history.Marks[i] / MarkReference, MarkExponent) : 1.0;

    /// <summary>μ_d(t) = exp(θ_d + b(t) + Σ_j γ_j x_dj(t)).</summary>
    public double Background(int d, double t, Covariates covariates) =>
        Math.Exp(LogBaseline[d] + BlockLevels[BlockOf(t)] + CovariateExponent(d, t, covariates));

    /// <summary>Σ_j γ_j x_dj(t), x_dj the largest exposure of a window of family j covering (t, d) (1 for an indicator).</summary>
    public double CovariateExponent(int d, double t, Covariates covariates)
    {
        Span<double> x = stackalloc double[EffectLogMultipliers.Length];
        foreach (var w in covariates.Windows)
        {
            int j = FamilyIndex(w.Effect);
            if (j >= 0 && w.Covers(t, d)) x[j] = Math.Max(x[j], w.Exposure(t));
        }
        double s = 0;
        for (int j = 0; j < EffectLogMultipliers.Length; j++) s += EffectLogMultipliers[j] * x[j];
        return s;
    }
}
