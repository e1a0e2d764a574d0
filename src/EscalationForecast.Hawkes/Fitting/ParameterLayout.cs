namespace EscalationForecast.Hawkes;

/// <summary>
/// The unconstrained parameter vector x the optimiser sees, in this order:
///   θ_d (D) | a_de (D·D) | log β_k (K) | u_k, k ≥ 1 (K−1) | γ_j (J) | η (if marks) | b_k (B).
/// Maps: α_de = e^(a_de) / (1 + Σ_f e^(a_df)) — each row of α is a softmax with a slack entry, so every row sum
/// is &lt; 1 and hence the spectral radius ρ(α) ≤ max row sum &lt; 1 (never explosive); for D = 1 this is the
/// logistic α = σ(a). π_k = e^(u_k) / Σ_l e^(u_l) with u_0 = 0. β_k = e^(log β_k).
/// </summary>
internal sealed class ParameterLayout(int dimension, int components, int families, bool marks, int blocks)
{
    public int D { get; } = dimension;
    public int K { get; } = components;
    public int J { get; } = families;
    public bool Marks { get; } = marks;
    public int B { get; } = blocks;

    public int Theta => 0;
    public int Alpha => D;
    public int LogBeta => Alpha + D * D;
    public int WeightLogit => LogBeta + K;
    public int Gamma => WeightLogit + K - 1;
    public int Eta => Gamma + J;
    public int Block => Eta + (Marks ? 1 : 0);
    public int Count => Block + B;
    /// <summary>Everything but the background blocks.</summary>
    public int MainCount => Block;

    /// <summary>α (row-major, target d, source e), β, π from x.</summary>
    public void Unpack(ReadOnlySpan<double> x, Span<double> alpha, Span<double> beta, Span<double> pi)
    {
        for (int d = 0; d < D; d++)
        {
            double den = 1;
            for (int e = 0; e < D; e++) den += Math.Exp(x[Alpha + d * D + e]);
            for (int e = 0; e < D; e++) alpha[d * D + e] = Math.Exp(x[Alpha + d * D + e]) / den;
        }
        double z = 1;
        for (int k = 0; k < K; k++) beta[k] = Math.Exp(x[LogBeta + k]);
        for (int k = 1; k < K; k++) z += Math.Exp(x[WeightLogit + k - 1]);
        pi[0] = 1 / z;
        for (int k = 1; k < K; k++) pi[k] = Math.Exp(x[WeightLogit + k - 1]) / z;
    }

    /// <summary>
    /// Chain rule from natural gradients (∂ℓ/∂α, ∂ℓ/∂β, ∂ℓ/∂π) into g: ∂α_de/∂a_df = α_de(δ_ef − α_df),
    /// ∂β/∂logβ = β, ∂π_k/∂u_l = π_k(δ_kl − π_l).
    /// </summary>
    public void ChainRule(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, ReadOnlySpan<double> pi,
        ReadOnlySpan<double> gAlpha, ReadOnlySpan<double> gBeta, ReadOnlySpan<double> gPi, Span<double> g)
    {
        for (int d = 0; d < D; d++)
        {
            double dot = 0;
            for (int e = 0; e < D; e++) dot += gAlpha[d * D + e] * alpha[d * D + e];
            for (int f = 0; f < D; f++) g[Alpha + d * D + f] = alpha[d * D + f] * (gAlpha[d * D + f] - dot);
        }
        for (int k = 0; k < K; k++) g[LogBeta + k] = gBeta[k] * beta[k];
        double piDot = 0;
        for (int k = 0; k < K; k++) piDot += gPi[k] * pi[k];
        for (int k = 1; k < K; k++) g[WeightLogit + k - 1] = pi[k] * (gPi[k] - piDot);
    }

    /// <summary>Inverse of the α map: a_de = log(α_de / (1 − Σ_f α_df)).</summary>
    public static double AlphaLogit(ReadOnlySpan<double> row, int e)
    {
        double sum = 0;
        foreach (var a in row) sum += a;
        double slack = Math.Max(1 - sum, 1e-6);
        return Math.Log(Math.Max(row[e], 1e-8) / slack);
    }
}
