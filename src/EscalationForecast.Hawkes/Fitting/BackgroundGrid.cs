namespace EscalationForecast.Hawkes;

/// <summary>
/// The background μ_d(t) = exp(θ_d + b_block(t) + Σ_j γ_j x_dj(t)) is piecewise constant: this splits [from, to)
/// at block boundaries, covariate-window edges and, inside a ramp, its day boundaries into segments, each with its
/// block, per channel the bitmask of covariate families in force, and per family its exposure x_j ∈ (0, 1] (1 for an
/// indicator window; a ramp's value that day). ∫μ_d is then Σ_s (End_s − Start_s) · exp(logμ_sd) exactly.
/// </summary>
internal sealed class BackgroundGrid
{
    public double[] Start { get; }
    public double[] End { get; }
    public int[] Block { get; }
    /// <summary>Mask[s * D + d]: bit j set when family j is in force for channel d in segment s.</summary>
    public int[] Mask { get; }
    /// <summary>Exposure[s * J + j]: x_j in segment s where family j is in force (the largest of its windows there).</summary>
    public double[] Exposure { get; }
    public int Families { get; }
    public int Count => Start.Length;
    public int Dimension { get; }

    private BackgroundGrid(double[] start, double[] end, int[] block, int[] mask, double[] exposure, int families, int dimension) =>
        (Start, End, Block, Mask, Exposure, Families, Dimension) = (start, end, block, mask, exposure, families, dimension);

    public static BackgroundGrid Build(double from, double to, double dataStart, double blockLength, int blocks,
        string[] families, Covariates covariates, int dimension)
    {
        if (families.Length > 30) throw new ArgumentException("At most 30 covariate families are supported.");
        var cuts = new List<double> { from, to };
        for (int k = 1; k < blocks; k++)
        {
            double edge = dataStart + k * blockLength;
            if (edge > from && edge < to) cuts.Add(edge);
        }
        foreach (var w in covariates.Windows)
        {
            if (Array.IndexOf(families, w.Effect) < 0) continue;
            if (w.Start > from && w.Start < to) cuts.Add(w.Start);
            if (w.End > from && w.End < to) cuts.Add(w.End);
            for (int k = 1; w.Profile is not null && k < w.Profile.Length; k++)
                if (w.Start + k > from && w.Start + k < to && w.Start + k < w.End) cuts.Add(w.Start + k);
        }
        cuts.Sort();
        var bounds = new List<double>(cuts.Count);
        foreach (var c in cuts) if (bounds.Count == 0 || c > bounds[^1]) bounds.Add(c);
        int n = Math.Max(bounds.Count - 1, 0);
        int J = families.Length;
        var start = new double[n]; var end = new double[n]; var block = new int[n]; var mask = new int[n * dimension];
        var exposure = new double[n * J];
        for (int s = 0; s < n; s++)
        {
            start[s] = bounds[s]; end[s] = bounds[s + 1];
            double mid = 0.5 * (start[s] + end[s]);
            block[s] = Math.Clamp((int)Math.Floor((mid - dataStart) / blockLength), 0, blocks - 1);
            foreach (var w in covariates.Windows)
            {
                int j = Array.IndexOf(families, w.Effect);
                if (j < 0) continue;
                bool covers = false;
                for (int d = 0; d < dimension; d++)
                    if (w.Covers(mid, d)) { mask[s * dimension + d] |= 1 << j; covers = true; }
                if (covers) exposure[s * J + j] = Math.Max(exposure[s * J + j], w.Exposure(mid));
            }
        }
        return new BackgroundGrid(start, end, block, mask, exposure, J, dimension);
    }

    public static BackgroundGrid ForModel(HawkesModel model, Covariates covariates, double from, double to) =>
        Build(from, to, model.DataStart, model.BlockLength, model.BlockLevels.Length, model.EffectFamilies, covariates, model.Dimension);

    /// <summary>The segment containing t (the first or last if t is outside [from, to)).</summary>
    public int SegmentOf(double t)
    {
        int lo = 0, hi = Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (Start[mid] <= t) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>logμ[s·D + d] = θ_d + b_block(s) + Σ_j γ_j x_sj [bit j of Mask].</summary>
    public void LogBackground(ReadOnlySpan<double> theta, ReadOnlySpan<double> levels, ReadOnlySpan<double> gamma, Span<double> logMu)
    {
        int D = Dimension, J = Families;
        for (int s = 0; s < Count; s++)
            for (int d = 0; d < D; d++)
            {
                double v = theta[d] + levels[Block[s]];
                int m = Mask[s * D + d];
                for (int j = 0; m != 0; j++, m >>= 1)
                    if ((m & 1) != 0) v += gamma[j] * Exposure[s * J + j];
                logMu[s * D + d] = v;
            }
    }

    public double[] Background(HawkesModel model)
    {
        var mu = new double[Count * Dimension];
        LogBackground(model.LogBaseline, model.BlockLevels, model.EffectLogMultipliers, mu);
        for (int i = 0; i < mu.Length; i++) mu[i] = Math.Exp(mu[i]);
        return mu;
    }
}
