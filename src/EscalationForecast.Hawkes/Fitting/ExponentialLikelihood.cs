using System.Runtime.CompilerServices;

namespace EscalationForecast.Hawkes;

/// <summary>
/// The same ℓ and gradient as <see cref="Likelihood"/> specialised to one exponential and no marks (K = 1, any D):
/// the kernel of every question about the past and of the first stage of every lifecycle fit. One decay per event
/// serves every channel, so δ_i = e^(−βΔ_i) comes from one SIMD pass and Σ log λ_i from another, around the scalar
/// recursion over the D states
///   B_e ← δ(B_e + ΔA_e), A_e ← δA_e,   λ_i = μ_i + β Σ_e α_(c,e) A_e,
///   ∂ℓ/∂α_(c,e) += βA_e/λ_i,   ∂ℓ/∂β += Σ_e α_(c,e)(A_e − βB_e)/λ_i,   A_c += 1.
/// Scratch is three doubles per event.
/// </summary>
internal sealed class ExponentialLikelihood : IEvaluator
{
    private readonly ProblemData _data;
    private readonly ParameterLayout _p;
    private readonly double[] _gap, _decay, _lambda, _mu, _wBg, _alpha, _beta, _pi, _a, _b, _gAlpha, _gBeta, _gPi;
    private readonly Likelihood _general;

    public ExponentialLikelihood(ProblemData data, ParameterLayout layout)
    {
        if (layout.K != 1 || layout.Marks) throw new ArgumentException("One exponential without marks only.");
        _data = data; _p = layout; _general = new Likelihood(data, layout);
        var t = data.Times; int n = t.Length, D = layout.D;
        _gap = new double[n]; _decay = new double[n]; _lambda = new double[n];
        for (int i = 1; i < n; i++) _gap[i] = t[i] - t[i - 1];
        _mu = new double[data.Grid.Count * D]; _wBg = new double[data.Grid.Count * D];
        _alpha = new double[D * D]; _gAlpha = new double[D * D];
        _beta = new double[1]; _pi = new double[1]; _gBeta = new double[1]; _gPi = new double[1];
        _a = new double[D]; _b = new double[D];
    }

    public ParameterLayout Layout => _p;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default)
    {
        if (!blockCurvature.IsEmpty) return _general.Evaluate(x, g, blockCurvature);
        var p = _p;
        int D = p.D;
        p.Unpack(x, _alpha, _beta, _pi);
        double beta = _beta[0];
        _data.Grid.LogBackground(x.Slice(p.Theta, D), x.Slice(p.Block, p.B), x.Slice(p.Gamma, p.J), _mu);
        for (int s = 0; s < _mu.Length; s++) _mu[s] = Math.Exp(_mu[s]);
        Array.Clear(_wBg); Array.Clear(_a); Array.Clear(_b); Array.Clear(_gAlpha);
        UnivariateLikelihood.ExpScaled(_gap, -beta, _decay);
        var gap = _gap; var decay = _decay; var lambda = _lambda; var ch = _data.Channel; var seg = _data.Segment;
        var a = _a; var b = _b; var alpha = _alpha; var gAlpha = _gAlpha; var mu = _mu; var wBg = _wBg;
        double sBeta = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double dec = decay[i], dt = gap[i];
            for (int e = 0; e < D; e++)
            {
                b[e] = dec * (b[e] + dt * a[e]);
                a[e] *= dec;
            }
            int c = ch[i], row = c * D, sIdx = seg[i] * D + c;
            double excitation = 0;
            for (int e = 0; e < D; e++) excitation += alpha[row + e] * a[e];
            double m = mu[sIdx], lam = m + beta * excitation, inv = 1 / lam;
            lambda[i] = lam;
            wBg[sIdx] += m * inv;
            double towardBeta = excitation;
            for (int e = 0; e < D; e++)
            {
                gAlpha[row + e] += a[e] * inv;
                towardBeta -= beta * alpha[row + e] * b[e];
            }
            sBeta += towardBeta * inv;
            a[c] += 1;
        }
        double ll = UnivariateLikelihood.SumLog(lambda);
        double tail = lambda.Length == 0 ? 0 : _data.End - _data.Times[^1], decEnd = Math.Exp(-beta * tail);
        var counts = _data.CountPerChannel;
        double gBeta = sBeta;
        for (int e = 0; e < D; e++)
        {
            b[e] = decEnd * (b[e] + tail * a[e]);
            a[e] *= decEnd;
            double colSum = 0;
            for (int d = 0; d < D; d++) colSum += alpha[d * D + e];
            double integral = counts[e] - a[e]; // Σ_j over channel e (1 − e^(−β(T − t_j)))
            ll -= colSum * integral;
            for (int d = 0; d < D; d++) gAlpha[d * D + e] = beta * gAlpha[d * D + e] - integral;
            gBeta -= colSum * b[e];
        }
        _gBeta[0] = gBeta;
        g.Clear();
        ll -= BackgroundTerms.Accumulate(_data.Grid, p, _mu, _wBg, g, default);
        p.ChainRule(_alpha, _beta, _pi, _gAlpha, _gBeta, _gPi, g);
        return ll;
    }
}
