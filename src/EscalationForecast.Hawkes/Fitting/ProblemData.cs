namespace EscalationForecast.Hawkes;

internal interface IEvaluator
{
    ParameterLayout Layout { get; }
    /// <summary>ℓ(x) and ∂ℓ/∂x; with a non-empty span also −∂²ℓ/∂b_k² per block.</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default);
}

/// <summary>The event data of a fit, prepared once: tie-spread times, channels, background segment of each event.</summary>
internal sealed class ProblemData
{
    public required double[] Times { get; init; }
    public required int[] Channel { get; init; }
    /// <summary>Index into the caller's <see cref="EventHistory"/> of each (re-ordered) event.</summary>
    public required int[] Order { get; init; }
    public required int[] Segment { get; init; }
    /// <summary>ℓ_i = ln(mark_i / MarkReference) when marks are used.</summary>
    public double[]? LogMarkRatio { get; init; }
    public double MarkReference { get; init; } = 1;
    public required BackgroundGrid Grid { get; init; }
    public required double Start { get; init; }
    public required double End { get; init; }
    public required int[] CountPerChannel { get; init; }
    /// <summary>Σ_i w_ic per channel: the counts, with uncertain events split by their weights.</summary>
    public required double[] MassPerChannel { get; init; }
    /// <summary>w[i·D + c] of each (re-ordered) event when some event's channel is uncertain, else null.</summary>
    public double[]? Weights { get; init; }

    public static ProblemData Create(EventHistory history, BackgroundGrid grid, double start, double end, bool marks)
    {
        var (times, order) = TieSpreading.Apply(history);
        int n = times.Length, D = history.Channels.Length;
        var channel = new int[n]; var segment = new int[n]; var counts = new int[D]; var mass = new double[D];
        var weights = history.Attribution is null ? null : new double[n * D];
        double[]? logMark = null; double reference = 1;
        if (marks && history.Marks is not null && n > 0)
        {
            double sum = 0;
            foreach (var m in history.Marks) sum += m;
            reference = sum / n;
            logMark = new double[n];
        }
        int s = 0;
        for (int i = 0; i < n; i++)
        {
            channel[i] = history.Channel[order[i]];
            counts[channel[i]]++;
            if (weights is null) mass[channel[i]]++;
            else
            {
                Array.Copy(history.Attribution!, order[i] * D, weights, i * D, D);
                for (int c = 0; c < D; c++) mass[c] += weights[i * D + c];
            }
            while (s + 1 < grid.Count && grid.Start[s + 1] <= times[i]) s++;
            segment[i] = s;
            if (logMark is not null) logMark[i] = Math.Log(history.Marks![order[i]] / reference);
        }
        return new ProblemData
        {
            Times = times, Channel = channel, Order = order, Segment = segment, LogMarkRatio = logMark,
            MarkReference = reference, Grid = grid, Start = start, End = end, CountPerChannel = counts,
            MassPerChannel = mass, Weights = weights,
        };
    }
}
