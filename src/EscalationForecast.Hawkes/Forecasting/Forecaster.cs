namespace EscalationForecast.Hawkes;

/// <summary>
/// Forecasts N(from, from+h] from the events known at `from` (exact events before it, day-precision events whose
/// day has ended) and the covariate windows known ahead.
/// Exact: P(N = 0) = exp(−∫_from^(from+h) λ⁰(t) dt), λ⁰ the intensity of the path with no new events, whose
/// integral is Σ_s len_s Σ_d μ_sd + Σ_d Σ_e α_de Σ_k π_k A_ek(from)(1 − e^(−β_k h)) — exact for any sum of exponentials.
/// The rest of the distribution by <see cref="PathSimulator"/>: paths in fixed blocks of 250, block b drawing from
/// its own stream (Seed, b), so the counts are identical however Parallel.For schedules the blocks.
/// </summary>
public static class Forecaster
{
    private const int BlockSize = 250;

    public static CountForecast Forecast(HawkesModel model, EventHistory history, Covariates covariates, double from,
        double horizonDays, ForecastOptions? options = null)
    {
        options ??= new ForecastOptions();
        if (!(horizonDays > 0)) throw new ArgumentOutOfRangeException(nameof(horizonDays), "The horizon must be positive.");
        if (!model.Channels.SequenceEqual(history.Channels))
        {
            throw new ArgumentException(
                $"The model was fitted on channels [{string.Join(", ", model.Channels)}] and the history has [{string.Join(", ", history.Channels)}]: fit a model on this history.",
                nameof(history));
        }
        var state = ExcitationState.At(model, history, from);
        var grid = BackgroundGrid.ForModel(model, covariates, from, from + horizonDays);
        var mu = grid.Background(model);
        int D = model.Dimension, K = model.Decays.Length;
        double integral = 0, intensity = 0, baseline = 0;
        for (int s = 0; s < grid.Count; s++)
            for (int d = 0; d < D; d++) integral += (grid.End[s] - grid.Start[s]) * mu[s * D + d];
        for (int d = 0; d < D; d++)
        {
            baseline += mu[d];
            intensity += mu[d] + ExcitationState.Excitation(model, state, d);
            for (int e = 0; e < D; e++)
                for (int k = 0; k < K; k++)
                    integral += model.Excitation[d][e] * model.Weights[k] * state[e * K + k] * (1 - Math.Exp(-model.Decays[k] * horizonDays));
        }
        double pAtLeastOne = 1 - Math.Exp(-integral);

        var counts = SimulateCounts(model, grid, state, Math.Max(options.Paths, 1), options.Seed);
        Array.Sort(counts);
        double mean = 0;
        foreach (int c in counts) mean += c;
        mean /= counts.Length;
        var quantiles = new Dictionary<double, int>();
        foreach (double q in options.Quantiles)
            quantiles[q] = counts[Math.Clamp((int)Math.Ceiling(q * counts.Length) - 1, 0, counts.Length - 1)];
        var atLeast = new Dictionary<int, double>();
        foreach (int k in options.AtLeast)
            atLeast[k] = k <= 0 ? 1 : k == 1 ? pAtLeastOne : FractionAtLeast(counts, k);
        return new CountForecast(mean, quantiles, atLeast, pAtLeastOne, intensity, baseline) { SampledCounts = counts };
    }

    internal static int[] SimulateCounts(HawkesModel model, BackgroundGrid grid, double[] state, int paths, int seed)
    {
        var counts = new int[paths];
        int blocks = (paths + BlockSize - 1) / BlockSize;
        var simulator = new PathSimulator(model, grid);
        Parallel.For(0, blocks, b =>
        {
            var rng = new Rng(seed, b);
            var a = new double[state.Length];
            for (int p = b * BlockSize, end = Math.Min(paths, p + BlockSize); p < end; p++)
            {
                state.CopyTo(a, 0);
                counts[p] = simulator.Run(a, ref rng);
            }
        });
        return counts;
    }

    /// <summary>Fraction of sorted counts ≥ k.</summary>
    internal static double FractionAtLeast(int[] sorted, int k)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < k) lo = mid + 1; else hi = mid; }
        return (double)(sorted.Length - lo) / sorted.Length;
    }
}
