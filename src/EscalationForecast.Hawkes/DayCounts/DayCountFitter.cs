using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EscalationForecast.Hawkes;

/// <summary>
/// Penalised maximum likelihood of the <see cref="DayCountModel"/> on the day counts of [first event's day, end)
/// through MathNet's L-BFGS, on unconstrained parameters x:
///   ω = e^(x0); (a_L, a_E, slack) = softmax(x1, x2, 0), so a_L + a_E &lt; 1; φ_L = σ(x3); φ_E = φ_L σ(x4);
///   r = e^(x5); log s_w = x_(6+w) for w &lt; 6 and −Σ for w = 6; γ_j = x_(12+j).
/// A part switched off (<see cref="DayCountOptions"/>) is held at its neutral value and not counted by AIC.
/// Weak priors keep short histories finite: x0 ~ N(log mean, 5²), x1, x2 ~ N(0, 3²), x3 ~ N(logit 0.9, 2²),
/// x4 ~ N(0, 2²), x5 ~ N(log 10, 3²), log s_w ~ N(0, 0.5²), γ ~ N(0, 1). Always started from the same point, so
/// the fit depends on the data alone. The gradient is by central differences: the objective is O(days).
/// </summary>
public static class DayCountFitter
{
    private const int Fixed = 12;
    /// <summary>Days whose state is still mostly the starting guess: not scored by the likelihood.</summary>
    public const int BurnInDays = 7;

    /// <summary>The day-count model is the one for a history whose every event is known to the day only.</summary>
    public static bool Applies(EventHistory history) =>
        history.Count > 0 && history.DayPrecision is { } day && Array.TrueForAll(day, x => x);

    public static DayCountModel Fit(EventHistory history, Covariates covariates, int endDay, DayCountOptions? options = null)
    {
        options ??= new DayCountOptions();
        var known = history.Before(endDay);
        int first = Math.Min(DayCountSeries.FirstDay(known), endDay - 1);
        var counts = DayCountSeries.Counts(known, first, endDay);
        var families = options.Context
            ? covariates.Windows.Where(w => w.End > first && w.Start < endDay).Select(w => w.Effect).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var x = DayCountSeries.Indicators(families, covariates, first, counts.Length);
        var problem = new DayCountLikelihood(counts, first, x, families.Length, options);
        var active = problem.Active();
        var x0 = problem.Start();
        var prior = problem.PriorMean();
        double scale = 1.0 / (counts.Length + 1);

        double Objective(double[] full)
        {
            double value = -problem.LogLikelihood(full);
            foreach (int i in active) value += 0.5 * Math.Pow((full[i] - prior[i]) / DayCountLikelihood.PriorSd(i), 2);
            return double.IsFinite(value) ? value * scale : 1e300;
        }
        double[] Expand(Vector<double> v)
        {
            var full = (double[])x0.Clone();
            for (int a = 0; a < active.Length; a++) full[active[a]] = v[a];
            return full;
        }
        (double, Vector<double>) WithGradient(Vector<double> v)
        {
            var full = Expand(v);
            double f = Objective(full);
            var g = Vector<double>.Build.Dense(active.Length);
            for (int a = 0; a < active.Length; a++)
            {
                int i = active[a];
                double h = 1e-5 * Math.Max(1, Math.Abs(full[i])), keep = full[i];
                full[i] = keep + h; double up = Objective(full);
                full[i] = keep - h; double down = Objective(full);
                full[i] = keep;
                g[a] = (up - down) / (2 * h);
            }
            return (f, g);
        }

        var start = Vector<double>.Build.DenseOfArray(active.Select(i => x0[i]).ToArray());
        var best = start; bool converged;
        try
        {
            var result = new LimitedMemoryBfgsMinimizer(1e-7, 1e-12, 1e-12, 10, 2000).FindMinimum(ObjectiveFunction.Gradient(WithGradient), start);
            best = result.MinimizingPoint;
            converged = result.ReasonForExit is not (ExitCondition.ExceedIterations or ExitCondition.ManuallyStopped or ExitCondition.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A stalled line search: fall back to the simplex from the same start.
            var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(v => Objective(Expand(v))), start, 1e-9, 20_000);
            best = result.MinimizingPoint;
            converged = false;
        }
        var xs = Expand(best);
        double ll = problem.LogLikelihood(xs);
        return problem.Model(xs, first, endDay, families, ll, -2 * ll + 2 * active.Length, converged);
    }
}
