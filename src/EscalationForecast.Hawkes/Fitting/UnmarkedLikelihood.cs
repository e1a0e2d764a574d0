using System.Runtime.CompilerServices;

namespace EscalationForecast.Hawkes;

/// <summary>
/// The same ℓ and gradient as <see cref="Likelihood"/> specialised to unmarked events (any D and K): the model of
/// every question about the past and of every lifecycle fit. The decays of component k are the same for every
/// channel, so δ_ki = e^(−β_k Δ_i) come from one SIMD pass per component and Σ log λ_i from another, around the
/// scalar recursion over the D·K states
///   B_ek ← δ_k(B_ek + ΔA_ek), A_ek ← δ_k A_ek,   λ_i = μ_i + Σ_e α_(c,e) Σ_k π_k β_k A_ek,
///   ∂ℓ/∂α_(c,e) += Σ_k π_k β_k A_ek/λ_i,  ∂ℓ/∂β_k += Σ_e α_(c,e) π_k (A_ek − β_k B_ek)/λ_i,
///   ∂ℓ/∂π_k += Σ_e α_(c,e) β_k A_ek/λ_i,  A_ck += 1.
/// Scratch is K + 2 doubles per event.
/// </summary>
internal sealed class UnmarkedLikelihood : IEvaluator
{
    private readonly ProblemData _data;
    private readonly ParameterLayout _p;
    private readonly double[] _gap, _lambda, _mu, _wBg, _alpha, _beta, _pi, _a, _b, _gAlpha, _gBeta, _gPi, _pb, _towardBeta, _towardPi, _excited;
    private readonly double[][] _decay;
    private readonly Likelihood _general;

    public UnmarkedLikelihood(ProblemData data, ParameterLayout layout)
    {
        if (layout.Marks) throw new ArgumentException("Unmarked events only.");
        _data = data; _p = layout; _general = new Likelihood(data, layout);
        var t = data.Times; int n = t.Length, D = layout.D, K = layout.K;
        _gap = new double[n]; _lambda = new double[n];
        for (int i = 1; i < n; i++) _gap[i] = t[i] - t[i - 1];
        _decay = new double[K][];
        for (int k = 0; k < K; k++) _decay[k] = new double[n];
        _mu = new double[data.Grid.Count * D]; _wBg = new double[data.Grid.Count * D];
        _alpha = new double[D * D]; _gAlpha = new double[D * D];
        _beta = new double[K]; _pi = new double[K]; _gBeta = new double[K]; _gPi = new double[K];
        _pb = new double[K]; _towardBeta = new double[K]; _towardPi = new double[K];
        _a = new double[D * K]; _b = new double[D * K]; _excited = new double[D];
    }

    public ParameterLayout Layout => _p;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default)
    {
        if (!blockCurvature.IsEmpty) return _general.Evaluate(x, g, blockCurvature);
        var p = _p;
        int D = p.D, K = p.K;
        p.Unpack(x, _alpha, _beta, _pi);
        _data.Grid.LogBackground(x.Slice(p.Theta, D), x.Slice(p.Block, p.B), x.Slice(p.Gamma, p.J), _mu);
        for (int s = 0; s < _mu.Length; s++) _mu[s] = Math.Exp(_mu[s]);
        Array.Clear(_wBg); Array.Clear(_a); Array.Clear(_b); Array.Clear(_gAlpha); Array.Clear(_towardBeta); Array.Clear(_towardPi);
        for (int k = 0; k < K; k++)
        {
            UnivariateLikelihood.ExpScaled(_gap, -_beta[k], _decay[k]);
            _pb[k] = _pi[k] * _beta[k];
        }
        var gap = _gap; var decay = _decay; var lambda = _lambda; var ch = _data.Channel; var seg = _data.Segment;
        var a = _a; var b = _b; var alpha = _alpha; var beta = _beta; var pb = _pb; var gAlpha = _gAlpha;
        var towardBeta = _towardBeta; var towardPi = _towardPi; var mu = _mu; var wBg = _wBg; var excited = _excited;
        for (int i = 0; i < lambda.Length; i++)
        {
            double dt = gap[i];
            for (int k = 0; k < K; k++)
            {
                double dec = decay[k][i];
                for (int j = k; j < a.Length; j += K)
                {
                    b[j] = dec * (b[j] + dt * a[j]);
                    a[j] *= dec;
                }
            }
            int c = ch[i], row = c * D, sIdx = seg[i] * D + c;
            double excitation = 0;
            for (int e = 0; e < D; e++)
            {
                double s = 0;
                for (int k = 0; k < K; k++) s += pb[k] * a[e * K + k];
                excited[e] = s;
                excitation += alpha[row + e] * s;
            }
            double m = mu[sIdx], lam = m + excitation, inv = 1 / lam;
            lambda[i] = lam;
            wBg[sIdx] += m * inv;
            for (int e = 0; e < D; e++)
            {
                gAlpha[row + e] += excited[e] * inv;
                double ae = alpha[row + e] * inv;
                for (int k = 0; k < K; k++)
                {
                    int j = e * K + k;
                    towardBeta[k] += ae * (a[j] - beta[k] * b[j]);
                    towardPi[k] += ae * a[j];
                }
            }
            for (int k = 0; k < K; k++) a[c * K + k] += 1;
        }
        double ll = UnivariateLikelihood.SumLog(lambda);
        double tail = lambda.Length == 0 ? 0 : _data.End - _data.Times[^1];
        for (int k = 0; k < K; k++)
        {
            double dec = Math.Exp(-beta[k] * tail);
            for (int j = k; j < a.Length; j += K)
            {
                b[j] = dec * (b[j] + tail * a[j]);
                a[j] *= dec;
            }
            _gBeta[k] = _pi[k] * towardBeta[k];
            _gPi[k] = beta[k] * towardPi[k];
        }
        var counts = _data.CountPerChannel;
        for (int e = 0; e < D; e++)
        {
            double colSum = 0;
            for (int d = 0; d < D; d++) colSum += alpha[d * D + e];
            for (int k = 0; k < K; k++)
            {
                int j = e * K + k;
                double integral = counts[e] - a[j]; // Σ_j over channel e (1 − e^(−β_k(T − t_j)))
                ll -= colSum * _pi[k] * integral;
                for (int d = 0; d < D; d++) gAlpha[d * D + e] -= _pi[k] * integral;
                _gPi[k] -= colSum * integral;
                _gBeta[k] -= colSum * _pi[k] * b[j];
            }
        }
        g.Clear();
        ll -= BackgroundTerms.Accumulate(_data.Grid, p, _mu, _wBg, g, default);
        p.ChainRule(_alpha, _beta, _pi, _gAlpha, _gBeta, _gPi, g);
        return ll;
    }
}
