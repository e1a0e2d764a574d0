using MathNet.Numerics.LinearAlgebra;

namespace EscalationForecast.Hawkes;

internal sealed record KernelFitResult(HawkesModel Model, double[] X, ParameterLayout Layout, double LogLikelihood,
    double Aic, int Evaluations, bool Converged);

/// <summary>One penalised maximum-likelihood fit with K exponential components.</summary>
internal static class KernelFit
{
    /// <summary>
    /// The fastest evaluator for the layout: the univariate one for one channel and one exponential, the unmarked one
    /// for one or two exponentials, the general one otherwise (marks, more components, events of uncertain channel).
    /// All compute the same ℓ.
    /// </summary>
    public static IEvaluator Evaluator(ProblemData data, ParameterLayout p) =>
        p.Marks || data.Weights is not null ? new Likelihood(data, p)
        : p.D == 1 && p.K == 1 ? new UnivariateLikelihood(data, p)
        : p.K == 1 ? new UnmarkedLikelihood<OneComponent>(data, p)
        : p.K == 2 ? new UnmarkedLikelihood<TwoComponents>(data, p)
        : new Likelihood(data, p);

    public static KernelFitResult Run(FitContext ctx, ProblemData data, int components, FitOptions options,
        KernelFitResult? exponential)
    {
        var p = new ParameterLayout(ctx.Channels.Length, components, ctx.Families.Length, ctx.Marks, ctx.Blocks);
        var evaluator = Evaluator(data, p);
        var priors = new Priors(p, data.CountPerChannel, data.End - data.Start, ctx.BlockLength, ctx.WeeklyStepSd);
        var objective = new PenalisedObjective(evaluator, priors, data.Times.Length);
        double[] x0 = options.WarmStart is { } warm && (warm.Decays.Length == components || exponential is null)
            ? StartingPoint.FromModel(p, priors, warm, ctx, data.Start)
            : exponential is not null ? StartingPoint.FromExponential(p, exponential.Layout, exponential.X)
            : StartingPoint.Default(p, priors);
        var (x, converged) = objective.Minimize(x0);
        Matrix<double>? cov = options.StandardErrors ? Curvature.Covariance(Curvature.NegativeHessian(objective, x)) : null;
        double ll = evaluator.Evaluate(x, new double[p.Count]);
        double df = p.MainCount + Curvature.BlockDegreesOfFreedom(objective, x);
        var model = ModelAssembly.Build(ctx, p, x, cov, data);
        return new KernelFitResult(model, x, p, ll, -2 * ll + 2 * df, objective.Evaluations, converged);
    }
}
