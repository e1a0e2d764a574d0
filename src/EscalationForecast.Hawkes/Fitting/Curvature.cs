using MathNet.Numerics.LinearAlgebra;

namespace EscalationForecast.Hawkes;

/// <summary>
/// H = −∇² (ℓ + log prior) at the optimum. Columns of the main (non-block) parameters by central differences of
/// the analytic gradient, h_j = 1e-5·max(1, |x_j|); the block-block part analytically: λ_i depends on b only
/// through its own block, so −∂²ℓ/∂b_k∂b_l is diagonal, plus the prior's tridiagonal random-walk precision.
/// The covariance is H⁻¹ (the Laplace approximation to the posterior).
/// </summary>
internal static class Curvature
{
    public static double[,] NegativeHessian(PenalisedObjective objective, double[] x)
    {
        var p = objective.Evaluator.Layout;
        int n = p.Count, m = p.MainCount;
        var h = new double[n, n];
        var gPlus = new double[n]; var gMinus = new double[n];
        var probe = (double[])x.Clone();
        for (int j = 0; j < m; j++)
        {
            double step = 1e-5 * Math.Max(1, Math.Abs(x[j]));
            probe[j] = x[j] + step; objective.LogPosterior(probe, gPlus);
            probe[j] = x[j] - step; objective.LogPosterior(probe, gMinus);
            probe[j] = x[j];
            for (int i = 0; i < n; i++)
            {
                double v = -(gPlus[i] - gMinus[i]) / (2 * step);
                if (i < m) { h[i, j] += 0.5 * v; h[j, i] += 0.5 * v; }
                else { h[i, j] = v; h[j, i] = v; }
            }
        }
        var curvature = BlockCurvature(objective.Evaluator, x);
        for (int k = 0; k < p.B; k++) h[p.Block + k, p.Block + k] = curvature[k];
        var prior = new double[n, n];
        objective.Priors.AddNegativeHessian(prior);
        for (int i = m; i < n; i++)
            for (int j = m; j < n; j++) h[i, j] += prior[i, j];
        return h;
    }

    /// <summary>−∂²ℓ/∂b_k² (likelihood only).</summary>
    public static double[] BlockCurvature(IEvaluator evaluator, double[] x)
    {
        var p = evaluator.Layout;
        var curvature = new double[p.B];
        evaluator.Evaluate(x, new double[p.Count], curvature);
        return curvature;
    }

    /// <summary>
    /// H⁻¹. When H is not positive definite (a fit stopped short of the optimum) a ridge ε·I is added, growing from
    /// 1e-8 of the mean diagonal until the Cholesky factorisation succeeds, so standard errors stay finite.
    /// </summary>
    public static Matrix<double> Covariance(double[,] h)
    {
        var matrix = Matrix<double>.Build.DenseOfArray(h);
        int n = matrix.RowCount;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsFinite(matrix[i, j])) matrix[i, j] = i == j ? 1 : 0;
        double scale = Math.Max(matrix.Diagonal().Select(Math.Abs).DefaultIfEmpty(1).Average(), 1e-12);
        for (double ridge = 0; ; ridge = ridge == 0 ? 1e-8 * scale : ridge * 100)
        {
            var attempt = ridge == 0 ? matrix : matrix + Matrix<double>.Build.DenseIdentity(n) * ridge;
            var cholesky = attempt.Cholesky();
            if (cholesky.Determinant > 0 && double.IsFinite(cholesky.Determinant) || ridge > 1e6 * scale)
            {
                try { return cholesky.Solve(Matrix<double>.Build.DenseIdentity(n)); }
                catch (ArgumentException) when (ridge <= 1e6 * scale) { }
            }
        }
    }

    /// <summary>
    /// Effective degrees of freedom of the penalised background blocks, tr((C + P)⁻¹ C) with C = −∂²ℓ/∂b² (diagonal)
    /// and P the prior precision of b: what the background costs in AIC (Hastie &amp; Tibshirani's smoother df).
    /// </summary>
    public static double BlockDegreesOfFreedom(PenalisedObjective objective, double[] x)
    {
        var p = objective.Evaluator.Layout;
        if (p.B == 0) return 0;
        var c = BlockCurvature(objective.Evaluator, x);
        var full = new double[p.Count, p.Count];
        objective.Priors.AddNegativeHessian(full);
        var m = Matrix<double>.Build.Dense(p.B, p.B, (i, j) => full[p.Block + i, p.Block + j] + (i == j ? Math.Max(c[i], 0) : 0));
        try
        {
            var inverse = m.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(p.B));
            double df = 0;
            for (int k = 0; k < p.B; k++) df += inverse[k, k] * Math.Max(c[k], 0);
            return df;
        }
        catch (ArgumentException) { return p.B; }
    }
}
