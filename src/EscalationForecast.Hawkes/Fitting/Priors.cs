namespace EscalationForecast.Hawkes;

/// <summary>
/// Weak Gaussian priors on the unconstrained parameters (the penalty of the penalised likelihood), chosen so that
/// 20 events give finite, wide answers:
///   θ_d ~ N(log((N_d + ½)/T), 10²)          — essentially flat around the naive rate;
///   a_de ~ N(−1.5, 2²)                      — α_de = 0.18 at the mean; 95% mass from 0.004 to 0.9;
///   log β_k ~ N(log(ln2/h_k), 2²)           — h = 1 day for one exponential; 0.25 and 7 days for a sum of two;
///   u_k ~ N(0, 1.5²), γ_j ~ N(0, 1²) (multipliers within ×0.14..×7 at 95%), η ~ N(0, 1²);
///   b: a random walk b_k − b_(k−1) ~ N(0, σ²·L/7) (σ the weekly step sd, L the block length in days) plus a
///      ridge b_k ~ N(0, 2²) that pins the level shared with θ.
/// The random walk lets the background follow the 2007 surge and the 2008 decline without soaking up the clustering.
/// </summary>
internal sealed class Priors
{
    public const double DefaultWeeklyStepSd = 0.05;
    private readonly double[] _mean, _precision;
    private readonly ParameterLayout _p;
    private readonly double _stepPrecision;
    private const double BlockRidgePrecision = 1 / 4.0;

    public Priors(ParameterLayout p, int[] counts, double span, double blockLength, double weeklyStepSd)
    {
        _p = p;
        _mean = new double[p.MainCount];
        _precision = new double[p.MainCount];
        for (int d = 0; d < p.D; d++) Set(p.Theta + d, Math.Log((counts[d] + 0.5) / Math.Max(span, 1e-9)), 10);
        for (int i = 0; i < p.D * p.D; i++) Set(p.Alpha + i, -1.5, 2);
        for (int k = 0; k < p.K; k++) Set(p.LogBeta + k, Math.Log(Math.Log(2) / PriorHalfLife(p.K, k)), 2);
        for (int k = 1; k < p.K; k++) Set(p.WeightLogit + k - 1, 0, 1.5);
        for (int j = 0; j < p.J; j++) Set(p.Gamma + j, 0, 1);
        if (p.Marks) Set(p.Eta, 0, 1);
        double stepSd = weeklyStepSd * Math.Sqrt(blockLength / 7);
        _stepPrecision = 1 / (stepSd * stepSd);
    }

    public static double PriorHalfLife(int components, int k) => components == 1 ? 1.0 : k == 0 ? 0.25 : 7.0;

    public double Mean(int i) => _mean[i];

    private void Set(int i, double mean, double sd) { _mean[i] = mean; _precision[i] = 1 / (sd * sd); }

    /// <summary>log prior (up to a constant); adds its gradient to g.</summary>
    public double Add(ReadOnlySpan<double> x, Span<double> g)
    {
        double lp = 0;
        for (int i = 0; i < _mean.Length; i++)
        {
            double z = x[i] - _mean[i];
            lp -= 0.5 * _precision[i] * z * z;
            g[i] -= _precision[i] * z;
        }
        int b0 = _p.Block;
        for (int k = 0; k < _p.B; k++)
        {
            double b = x[b0 + k];
            lp -= 0.5 * BlockRidgePrecision * b * b;
            g[b0 + k] -= BlockRidgePrecision * b;
            if (k == 0) continue;
            double step = b - x[b0 + k - 1];
            lp -= 0.5 * _stepPrecision * step * step;
            g[b0 + k] -= _stepPrecision * step;
            g[b0 + k - 1] += _stepPrecision * step;
        }
        return lp;
    }

    /// <summary>Adds −∂² log prior (constant) to the dense matrix h.</summary>
    public void AddNegativeHessian(double[,] h)
    {
        for (int i = 0; i < _mean.Length; i++) h[i, i] += _precision[i];
        int b0 = _p.Block;
        for (int k = 0; k < _p.B; k++)
        {
            h[b0 + k, b0 + k] += BlockRidgePrecision;
            if (k == 0) continue;
            h[b0 + k, b0 + k] += _stepPrecision; h[b0 + k - 1, b0 + k - 1] += _stepPrecision;
            h[b0 + k, b0 + k - 1] -= _stepPrecision; h[b0 + k - 1, b0 + k] -= _stepPrecision;
        }
    }
}
