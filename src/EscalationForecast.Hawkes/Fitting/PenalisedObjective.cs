using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EscalationForecast.Hawkes;

/// <summary>
/// F(x) = −(ℓ(x) + log prior(x)) / (N + 1), minimised by MathNet's L-BFGS (the scaling makes the gradient
/// tolerance relative to the data size). Remembers the best point seen, so a line-search failure still returns it.
/// </summary>
internal sealed class PenalisedObjective(IEvaluator evaluator, Priors priors, int events)
{
    private readonly double _scale = 1.0 / (events + 1);
    private readonly double[] _g = new double[evaluator.Layout.Count];
    public int Evaluations { get; private set; }
    public double BestValue { get; private set; } = double.PositiveInfinity;
    public double[]? BestPoint { get; private set; }
    public IEvaluator Evaluator => evaluator;
    public Priors Priors => priors;

    /// <summary>ℓ + log prior, and its gradient in g.</summary>
    public double LogPosterior(ReadOnlySpan<double> x, Span<double> g)
    {
        Evaluations++;
        double value = evaluator.Evaluate(x, g) + priors.Add(x, g);
        return value;
    }

    private (double, Vector<double>) ForMinimizer(Vector<double> v)
    {
        var x = v.AsArray() ?? v.ToArray();
        double lp = LogPosterior(x, _g);
        bool finite = double.IsFinite(lp);
        for (int i = 0; finite && i < _g.Length; i++) finite = double.IsFinite(_g[i]);
        if (!finite) return (double.IsFinite(BestValue) ? BestValue + 1e6 : 1e300, Vector<double>.Build.Dense(_g.Length));
        double f = -lp * _scale;
        if (f < BestValue) { BestValue = f; BestPoint = (double[])x.Clone(); }
        var grad = Vector<double>.Build.Dense(_g.Length);
        for (int i = 0; i < _g.Length; i++) grad[i] = -_g[i] * _scale;
        return (f, grad);
    }

    /// <summary>Minimises from x0; returns the best point and whether L-BFGS reported convergence.</summary>
    public (double[] X, bool Converged) Minimize(double[] x0)
    {
        var minimizer = new LimitedMemoryBfgsMinimizer(1e-7, 1e-10, 1e-12, 12, 1000);
        bool converged;
        try
        {
            var result = minimizer.FindMinimum(ObjectiveFunction.Gradient(ForMinimizer), Vector<double>.Build.DenseOfArray(x0));
            converged = result.ReasonForExit is not (ExitCondition.ExceedIterations or ExitCondition.ManuallyStopped or ExitCondition.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MathNet signals a stalled line search by throwing; the best point seen is as good as we get.
            converged = false;
        }
        return (BestPoint ?? x0, converged);
    }
}
