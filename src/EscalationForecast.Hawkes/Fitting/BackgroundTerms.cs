namespace EscalationForecast.Hawkes;

/// <summary>
/// The background's share of ℓ and its gradient, common to every evaluator. With w_sd = Σ_{i in segment s,
/// channel d} μ_sd/λ_i (accumulated by the event loop): ∂ℓ/∂(θ_d, b_block(s)) += w_sd − len_s·μ_sd and, for each
/// family j in force with exposure x_sj, ∂ℓ/∂γ_j += x_sj (w_sd − len_s·μ_sd).
/// </summary>
internal static class BackgroundTerms
{
    public static double Accumulate(BackgroundGrid grid, ParameterLayout p, ReadOnlySpan<double> mu,
        ReadOnlySpan<double> weight, Span<double> g, Span<double> blockCurvature)
    {
        int D = p.D, J = grid.Families;
        double integral = 0;
        for (int s = 0; s < grid.Count; s++)
        {
            double len = grid.End[s] - grid.Start[s];
            int block = grid.Block[s];
            for (int d = 0; d < D; d++)
            {
                int idx = s * D + d;
                double m = len * mu[idx], w = weight[idx] - m;
                integral += m;
                g[p.Theta + d] += w;
                g[p.Block + block] += w;
                for (int j = 0, mask = grid.Mask[idx]; mask != 0; j++, mask >>= 1)
                    if ((mask & 1) != 0) g[p.Gamma + j] += w * grid.Exposure[s * J + j];
                if (!blockCurvature.IsEmpty) blockCurvature[block] += m;
            }
        }
        return integral;
    }
}
