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
internal sealed class UnmarkedLikelihood<TComponents> : IEvaluator where TComponents : struct, IComponentCount
{
    private readonly ProblemData _data;
    private readonly ParameterLayout _p;
    private readonly double[] _gap, _decay, _lambda, _mu, _wBg, _alpha, _beta, _pi, _a, _b, _gAlpha, _gBeta, _gPi;
    private readonly Likelihood _general;

    public UnmarkedLikelihood(ProblemData data, ParameterLayout layout)
    {
        if (layout.Marks || layout.K != TComponents.K) throw new ArgumentException($"Unmarked events and {TComponents.K} components only.");
        _data = data; _p = layout; _general = new Likelihood(data, layout);
        var t = data.Times; int n = t.Length, D = layout.D, K = layout.K;
        _gap = new double[n]; _lambda = new double[n];
        for (int i = 1; i < n; i++) _gap[i] = t[i] - t[i - 1];
        _decay = new double[K * n];
        _mu = new double[data.Grid.Count * D]; _wBg = new double[data.Grid.Count * D];
        _alpha = new double[D * D]; _gAlpha = new double[D * D];
        _beta = new double[K]; _pi = new double[K]; _gBeta = new double[K]; _gPi = new double[K];
        _a = new double[D * K]; _b = new double[D * K];
    }

    public ParameterLayout Layout => _p;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default)
    {
        if (!blockCurvature.IsEmpty) return _general.Evaluate(x, g, blockCurvature);
        var p = _p;
        int D = p.D, K = TComponents.K, n = _lambda.Length;
        p.Unpack(x, _alpha, _beta, _pi);
        _data.Grid.LogBackground(x.Slice(p.Theta, D), x.Slice(p.Block, p.B), x.Slice(p.Gamma, p.J), _mu);
        for (int s = 0; s < _mu.Length; s++) _mu[s] = Math.Exp(_mu[s]);
        Array.Clear(_wBg); Array.Clear(_a); Array.Clear(_b); Array.Clear(_gAlpha);
        for (int k = 0; k < K; k++) UnivariateLikelihood.ExpScaled(_gap, -_beta[k], _decay.AsSpan(k * n, n));
        var gap = _gap; var decay = _decay; var lambda = _lambda; var ch = _data.Channel; var seg = _data.Segment;
        var a = _a; var b = _b; var alpha = _alpha; var gAlpha = _gAlpha; var mu = _mu; var wBg = _wBg;
        // K is a constant of the type: the JIT drops the second component's lines when K = 1.
        bool two = K == 2;
        double beta0 = _beta[0], pb0 = _pi[0] * beta0, beta1 = two ? _beta[1] : 0, pb1 = two ? _pi[1] * beta1 : 0;
        double towardBeta0 = 0, towardPi0 = 0, towardBeta1 = 0, towardPi1 = 0;
        for (int i = 0; i < n; i++)
        {
            double dt = gap[i], dec0 = decay[i], dec1 = two ? decay[n + i] : 0;
            for (int e = 0; e < D; e++)
            {
                int j = e * K;
                b[j] = dec0 * (b[j] + dt * a[j]);
                a[j] *= dec0;
                if (two)
                {
                    b[j + 1] = dec1 * (b[j + 1] + dt * a[j + 1]);
                    a[j + 1] *= dec1;
                }
            }
            int c = ch[i], row = c * D, sIdx = seg[i] * D + c;
            double excitation = 0;
            for (int e = 0; e < D; e++)
                excitation += alpha[row + e] * (two ? pb0 * a[e * K] + pb1 * a[e * K + 1] : pb0 * a[e * K]);
            double m = mu[sIdx], lam = m + excitation, inv = 1 / lam;
            lambda[i] = lam;
            wBg[sIdx] += m * inv;
            for (int e = 0; e < D; e++)
            {
                int j = e * K;
                double ae = alpha[row + e] * inv;
                towardBeta0 += ae * (a[j] - beta0 * b[j]);
                towardPi0 += ae * a[j];
                if (two)
                {
                    towardBeta1 += ae * (a[j + 1] - beta1 * b[j + 1]);
                    towardPi1 += ae * a[j + 1];
                    gAlpha[row + e] += (pb0 * a[j] + pb1 * a[j + 1]) * inv;
                }
                else
                {
                    gAlpha[row + e] += pb0 * a[j] * inv;
                }
            }
            a[c * K] += 1;
            if (two) a[c * K + 1] += 1;
        }
        _gBeta[0] = _pi[0] * towardBeta0;
        _gPi[0] = beta0 * towardPi0;
        if (two)
        {
            _gBeta[1] = _pi[1] * towardBeta1;
            _gPi[1] = beta1 * towardPi1;
        }
        double ll = UnivariateLikelihood.SumLog(lambda);
        double tail = lambda.Length == 0 ? 0 : _data.End - _data.Times[^1];
        for (int k = 0; k < K; k++)
        {
            double dec = Math.Exp(-_beta[k] * tail);
            for (int j = k; j < a.Length; j += K)
            {
                b[j] = dec * (b[j] + tail * a[j]);
                a[j] *= dec;
            }
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

/// <summary>The number of exponential components as a type, so the JIT compiles each evaluator's loops for it.</summary>
internal interface IComponentCount
{
    static abstract int K { get; }
}

internal readonly struct OneComponent : IComponentCount
{
    public static int K => 1;
}

internal readonly struct TwoComponents : IComponentCount
{
    public static int K => 2;
}
