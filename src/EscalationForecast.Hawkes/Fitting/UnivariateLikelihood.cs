using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EscalationForecast.Hawkes;

/// <summary>
/// The same ℓ and gradient as <see cref="Likelihood"/> specialised to one channel, one exponential, no marks
/// (D = K = 1), the benchmark's hot path:
///   δ_i = e^(−βΔ_i) for all i in one SIMD pass;  then sequentially  B ← δ(B + ΔA), A ← δA,
///   λ_i = μ_i + αβA,  ∂ℓ/∂α += βA/λ_i,  ∂ℓ/∂β += α(A − βB)/λ_i,  A += 1;   then Σ log λ_i in one SIMD pass.
/// Events are walked segment by segment so μ is a register, not a gather. Scratch is two doubles per event.
/// </summary>
internal sealed class UnivariateLikelihood : IEvaluator
{
    private readonly ProblemData _data;
    private readonly ParameterLayout _p;
    private readonly double[] _gap, _decay, _lambda, _mu, _wBg;
    private readonly int[] _runSegment, _runEnd;
    private readonly Likelihood _general;

    public UnivariateLikelihood(ProblemData data, ParameterLayout layout)
    {
        if (layout.D != 1 || layout.K != 1 || layout.Marks) throw new ArgumentException("Univariate exponential only.");
        _data = data; _p = layout; _general = new Likelihood(data, layout);
        var t = data.Times; int n = t.Length;
        _gap = new double[n]; _decay = new double[n]; _lambda = new double[n];
        for (int i = 1; i < n; i++) _gap[i] = t[i] - t[i - 1];
        _mu = new double[data.Grid.Count]; _wBg = new double[data.Grid.Count];
        var segs = new List<int>(); var ends = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (segs.Count > 0 && segs[^1] == data.Segment[i]) { ends[^1] = i + 1; continue; }
            segs.Add(data.Segment[i]); ends.Add(i + 1);
        }
        _runSegment = segs.ToArray(); _runEnd = ends.ToArray();
    }

    public ParameterLayout Layout => _p;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised from the first call
    public double Evaluate(ReadOnlySpan<double> x, Span<double> g, Span<double> blockCurvature = default)
    {
        if (!blockCurvature.IsEmpty) return _general.Evaluate(x, g, blockCurvature);
        var p = _p;
        double ea = Math.Exp(x[p.Alpha]), alpha = ea / (1 + ea), beta = Math.Exp(x[p.LogBeta]), ab = alpha * beta;
        _data.Grid.LogBackground(x.Slice(p.Theta, 1), x.Slice(p.Block, p.B), x.Slice(p.Gamma, p.J), _mu);
        for (int s = 0; s < _mu.Length; s++) _mu[s] = Math.Exp(_mu[s]);
        Array.Clear(_wBg);
        ExpScaled(_gap, -beta, _decay);
        double a = 0, b = 0, sA = 0, sB = 0;
        var gap = _gap; var decay = _decay; var lambda = _lambda;
        for (int r = 0, i = 0; r < _runEnd.Length; r++)
        {
            double mu = _mu[_runSegment[r]], w = 0;
            for (int end = _runEnd[r]; i < end; i++)
            {
                double dec = decay[i];
                b = dec * (b + gap[i] * a);
                a *= dec;
                double lam = mu + ab * a, inv = 1 / lam;
                lambda[i] = lam;
                w += inv;
                sA += a * inv;
                sB += (a - beta * b) * inv;
                a += 1;
            }
            _wBg[_runSegment[r]] = mu * w;
        }
        double ll = SumLog(lambda);
        var t = _data.Times;
        double tail = t.Length == 0 ? 0 : _data.End - t[^1], decEnd = Math.Exp(-beta * tail);
        b = decEnd * (b + tail * a); a *= decEnd;
        double integral = t.Length - a; // Σ_i (1 − e^(−β(T − t_i)))
        ll -= alpha * integral;
        double gAlpha = beta * sA - integral, gBeta = alpha * sB - alpha * b;
        g.Clear();
        ll -= BackgroundTerms.Accumulate(_data.Grid, p, _mu, _wBg, g, default);
        g[p.Alpha] = gAlpha * alpha * (1 - alpha);
        g[p.LogBeta] = gBeta * beta;
        return ll;
    }

    /// <summary>dst_i = e^(scale·src_i), four lanes at a time.</summary>
    internal static void ExpScaled(ReadOnlySpan<double> src, double scale, Span<double> dst)
    {
        int i = 0;
        var vs = Vector256.Create(scale);
        for (; i <= src.Length - 4; i += 4)
            Vector256.Exp(Vector256.Create(src.Slice(i, 4)) * vs).CopyTo(dst.Slice(i, 4));
        for (; i < src.Length; i++) dst[i] = Math.Exp(scale * src[i]);
    }

    /// <summary>Σ_i log v_i, four lanes at a time.</summary>
    internal static double SumLog(ReadOnlySpan<double> v)
    {
        int i = 0;
        var acc = Vector256<double>.Zero;
        for (; i <= v.Length - 4; i += 4) acc += Vector256.Log(Vector256.Create(v.Slice(i, 4)));
        double s = Vector256.Sum(acc);
        for (; i < v.Length; i++) s += Math.Log(v[i]);
        return s;
    }
}
