using System.Diagnostics;

namespace EscalationForecast.Hawkes;

/// <summary>
/// Penalised maximum likelihood (see <see cref="Likelihood"/> and <see cref="Priors"/>) with MathNet's L-BFGS on the
/// unconstrained parameters of <see cref="ParameterLayout"/>. Kernel.Auto fits one exponential, then a sum of two
/// started from it, and keeps the lower AIC.
/// </summary>
public static class HawkesFitter
{
    public static HawkesFit Fit(EventHistory history, Covariates covariates, FitOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        options ??= new FitOptions();
        history.Validate();
        if (options.End is { } endOption) history = history.Before(endOption);
        int n = history.Count, D = history.Channels.Length;
        double start = n > 0 ? Math.Floor(history.Times[0]) : (options.End ?? 1) - 1;
        double end = options.End ?? (n > 0 ? Math.Floor(history.Times[^1]) + 1 : start + 1);
        if (!(end > start)) end = start + 1;
        double blockLength = options.BlockDays ?? Math.Max(14, (end - start) / 150);
        int blocks = Math.Max(1, (int)Math.Ceiling((end - start) / blockLength - 1e-9));
        var families = covariates.Windows.Where(w => w.End > start && w.Start < end).Select(w => w.Effect).Distinct().ToArray();
        var grid = BackgroundGrid.Build(start, end, start, blockLength, blocks, families, covariates, D);
        bool marks = options.Marks && history.Marks is not null;
        var ctx = new FitContext(history.Channels, families, blockLength, blocks, marks, options.BackgroundStepSd);
        var data = ProblemData.Create(history, grid, start, end, marks);

        var single = KernelFit.Run(ctx, data, 1, options, null);
        var best = single;
        int evaluations = single.Evaluations;
        if (options.Kernel != KernelChoice.Exponential)
        {
            var sum = KernelFit.Run(ctx, data, 2, options, single);
            evaluations += sum.Evaluations;
            if (options.Kernel == KernelChoice.SumOfExponentials || sum.Aic < single.Aic) best = sum;
        }
        double ks = double.NaN, ksP = double.NaN;
        if (options.GoodnessOfFit)
            (ks, ksP) = GoodnessOfFit.KolmogorovSmirnov(GoodnessOfFit.Residuals(best.Model, history, covariates));
        double poissonLl = 0;
        foreach (double count in data.MassPerChannel)
            if (count > 0) poissonLl += count * Math.Log(count / (end - start)) - count;
        var diagnostics = new FitDiagnostics(best.LogLikelihood, best.Aic, poissonLl, -2 * poissonLl + 2 * D, ks, ksP,
            evaluations, clock.Elapsed.TotalSeconds, best.Converged, n);
        return new HawkesFit(best.Model, diagnostics);
    }
}
