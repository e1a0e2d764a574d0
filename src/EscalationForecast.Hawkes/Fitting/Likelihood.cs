using System.Runtime.CompilerServices;

namespace EscalationForecast.Hawkes;

/// <summary>
/// Log-likelihood of a marked multivariate Hawkes process on [start, T) and its analytic gradient, in O(N·D·K):
///   ℓ = Σ_i log λ_{c_i}(t_i) − Σ_d ∫ λ_d,   λ_d(t) = μ_d(t) + Σ_e α_de Σ_k π_k β_k A_ek(t),
/// with the recursive states (Ozaki 1979; Ogata 1981) over events j of source channel e before t:
///   A_ek(t) = Σ_j m_j e^(−β_k (t−t_j)),  B_ek(t) = Σ_j m_j (t−t_j) e^(−β_k (t−t_j)) = −∂A/∂β_k,  C_ek = Σ_j m_j ℓ_j e^(…),
/// advanced over a gap Δ by A ← δA, B ← δ(B + ΔA), C ← δC with δ = e^(−β_k Δ). The excitation part of the
/// compensator needs no second pass: Σ_j m_j (1 − e^(−β_k(T−t_j))) = M_e − A_ek(T), and its β-derivative is B_ek(T).
/// An event of uncertain channel (weights w_ic, <see cref="EventHistory.Attribution"/>) is w_ic of an event in each
/// channel c: ℓ += Σ_c w_ic log λ_c(t_i), and it adds w_ic m_i to channel c's states. This is the expected
/// log-likelihood over the latent channel z_i ~ w_i of its own term, E log λ_(z_i)(t_i), with the excitation it causes
/// taken at its expectation E α_(d,z_i) = Σ_c w_ic α_dc (first order in the uncertain choices).
/// </summary>
internal sealed class Likelihood : IEvaluator
{
    private readonly ProblemData _data;
    private readonly ParameterLayout _p;
    private readonly double[] _mu, _wBg, _alpha, _beta, _pi, _a, _b, _c, _gAlpha, _gBeta, _gPi, _mass, _massEll;

    public Likelihood(ProblemData data, ParameterLayout layout)
    {
        _data = data; _p = layout;
        int D = layout.D, K = layout.K, S = data.Grid.Count * D;
        _mu = new double[S]; _wBg = new double[S];
        _alpha = new double[D * D]; _gAlpha = new double[D * D];
        _beta = new double[K]; _pi = new double[K]; _gBeta = new double[K]; _gPi = new double[K];
        _a = new double[D * K]; _b = new double[D * K]; _c = new double[D * K];
        _mass = new double[D]; _massEll = new double[D];
    }

    public ParameterLayout Layout => _p;

    /// <summary>Returns ℓ(x) and writes ∂ℓ/∂x into g; optionally −∂²ℓ/∂b_k² (diagonal: λ_i depends on b only via its own block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default)
    {
        var p = _p; var grid = _data.Grid;
        int D = p.D, K = p.K;
        var t = _data.Times; var ch = _data.Channel; var seg = _data.Segment; var ell = _data.LogMarkRatio;
        bool marks = p.Marks && ell is not null, curv = !blockCurvature.IsEmpty;
        p.Unpack(x, _alpha, _beta, _pi);
        double eta = p.Marks ? x[p.Eta] : 0;
        grid.LogBackground(x.Slice(p.Theta, D), x.Slice(p.Block, p.B), x.Slice(p.Gamma, p.J), _mu);
        for (int s = 0; s < _mu.Length; s++) _mu[s] = Math.Exp(_mu[s]);
        Array.Clear(_wBg); Array.Clear(_a); Array.Clear(_b); Array.Clear(_c); Array.Clear(_gAlpha);
        Array.Clear(_gBeta); Array.Clear(_gPi); Array.Clear(_mass); Array.Clear(_massEll);
        if (curv) blockCurvature.Clear();
        double ll = 0, gEta = 0, prev = t.Length > 0 ? t[0] : 0;
        var weights = _data.Weights;
        for (int i = 0; i < t.Length; i++)
        {
            Advance(t[i] - prev, D, K);
            prev = t[i];
            double m = marks ? Math.Exp(eta * ell![i]) : 1.0;
            if (weights is null)
            {
                ll += Target(ch[i], 1, seg[i], curv, blockCurvature, ref gEta, marks);
                Source(ch[i], m, marks ? ell![i] : 0, marks);
                continue;
            }
            // An event of uncertain channel: w_c of it in each channel, as target (w_c log λ_c) and as source.
            for (int c = 0; c < D; c++)
                if (weights[i * D + c] > 0) ll += Target(c, weights[i * D + c], seg[i], curv, blockCurvature, ref gEta, marks);
            for (int c = 0; c < D; c++)
                if (weights[i * D + c] > 0) Source(c, weights[i * D + c] * m, marks ? ell![i] : 0, marks);
        }
        Advance(_data.End - prev, D, K);
        for (int e = 0; e < D; e++)
        {
            double colSum = 0;
            for (int d = 0; d < D; d++) colSum += _alpha[d * D + e];
            for (int k = 0; k < K; k++)
            {
                int j = e * K + k;
                double integral = _mass[e] - _a[j]; // Σ_j m_j (1 − e^(−β_k (T − t_j)))
                ll -= colSum * _pi[k] * integral;
                for (int d = 0; d < D; d++) _gAlpha[d * D + e] -= _pi[k] * integral;
                _gPi[k] -= colSum * integral;
                _gBeta[k] -= colSum * _pi[k] * _b[j];
                if (marks) gEta -= colSum * _pi[k] * (_massEll[e] - _c[j]);
            }
        }
        g.Clear();
        ll -= BackgroundCompensator(x, g, blockCurvature);
        p.ChainRule(_alpha, _beta, _pi, _gAlpha, _gBeta, _gPi, g);
        if (p.Marks) g[p.Eta] = gEta;
        return ll;
    }

    /// <summary>
    /// w · log λ_c(t_i) and its gradient (each term scaled by w): ∂/∂α_ce = w Σ_k π_k β_k A_ek/λ, ∂/∂β_k, ∂/∂π_k, ∂/∂η,
    /// and the background's share w μ_c/λ_c of the segment's weight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    private double Target(int c, double w, int segment, bool curv, Span<double> blockCurvature, ref double gEta, bool marks)
    {
        int D = _p.D, K = _p.K, sIdx = segment * D + c;
        double mu = _mu[sIdx], lam = mu;
        for (int e = 0; e < D; e++)
            for (int k = 0; k < K; k++) lam += _alpha[c * D + e] * _pi[k] * _beta[k] * _a[e * K + k];
        double inv = 1 / lam, r = mu * inv, winv = w * inv;
        _wBg[sIdx] += w * r;
        if (curv) blockCurvature[_data.Grid.Block[segment]] -= w * (r - r * r);
        for (int e = 0; e < D; e++)
        {
            double a = _alpha[c * D + e], sa = 0;
            for (int k = 0; k < K; k++)
            {
                int j = e * K + k;
                double pbA = _pi[k] * _beta[k] * _a[j];
                sa += pbA;
                _gBeta[k] += a * _pi[k] * (_a[j] - _beta[k] * _b[j]) * winv;
                _gPi[k] += a * _beta[k] * _a[j] * winv;
                if (marks) gEta += a * _pi[k] * _beta[k] * _c[j] * winv;
            }
            _gAlpha[c * D + e] += sa * winv;
        }
        return w * Math.Log(lam);
    }

    /// <summary>The event joins channel c's states with mass m (its mark factor, times its weight there).</summary>
    private void Source(int c, double m, double logMark, bool marks)
    {
        int K = _p.K;
        for (int k = 0; k < K; k++) _a[c * K + k] += m;
        _mass[c] += m;
        if (!marks) return;
        for (int k = 0; k < K; k++) _c[c * K + k] += m * logMark;
        _massEll[c] += m * logMark;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    private void Advance(double dt, int D, int K)
    {
        if (dt <= 0) return;
        for (int k = 0; k < K; k++)
        {
            double dec = Math.Exp(-_beta[k] * dt);
            for (int e = 0; e < D; e++)
            {
                int j = e * K + k;
                _b[j] = dec * (_b[j] + dt * _a[j]);
                _a[j] *= dec;
                _c[j] *= dec;
            }
        }
    }

    /// <summary>Σ_d ∫μ_d; adds Σ_i∈(s,d) μ/λ − ∫_s μ_d to the θ, b and γ entries of g.</summary>
    private double BackgroundCompensator(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature) =>
        BackgroundTerms.Accumulate(_data.Grid, _p, _mu, _wBg, g, blockCurvature);
}
