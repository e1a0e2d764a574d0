using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Fitting;

/// <summary>
/// The recursive O(N·D·K) likelihood against a naive O(N²) one, and its analytic gradient against finite differences:
/// with indicator windows, overlapping ones, a scheduled date's ramp (overlapping an indicator window of its family),
/// and events of uncertain channel.
/// </summary>
public class LikelihoodTests
{
    private static readonly string[] Families = ["ceasefire", "anniversary", "deadline"];

    private static (ProblemData Data, ParameterLayout Layout, EventHistory History, Covariates Cov) Problem(int D, int K, bool marks, int seed, bool uncertain = false)
    {
        var model = D == 1 ? TestModels.Univariate(3, 0.4, 1.2, 60) : ModelDefinition.Create(["a", "b"], [2, 1], [[0.3, 0.2], [0.25, 0.1]], [1.0], start: 0, end: 60);
        var history = Simulator.Simulate(model, Covariates.None, 0, 60, seed);
        var rng = new Random(seed);
        if (marks) history = history with { Marks = history.Times.Select(_ => 1.0 + rng.Next(5)).ToArray() };
        if (uncertain) history = history with { Attribution = TestModels.Attribution(history, 0.3, rng) };
        var cov = new Covariates([new("ceasefire", "c", 10, 25, D == 2 ? [1] : null), new("anniversary", "a", 30, 33), new("anniversary", "b", 31, 40),
            Covariates.Ramp("deadline", "d", 47, 6, 3), new("deadline", "flat", 49.5, 52)]);
        var grid = BackgroundGrid.Build(0, 60, 0, 7, 9, Families, cov, D);
        var data = ProblemData.Create(history, grid, 0, 60, marks);
        return (data, new ParameterLayout(D, K, 3, marks, 9), history, cov);
    }

    private static double[] RandomPoint(ParameterLayout p, int seed)
    {
        var rng = new Random(seed);
        var x = new double[p.Count];
        for (int i = 0; i < x.Length; i++) x[i] = 0.6 * (rng.NextDouble() - 0.5);
        for (int d = 0; d < p.D; d++) x[p.Theta + d] += 0.5;
        for (int i = 0; i < p.D * p.D; i++) x[p.Alpha + i] -= 1;
        return x;
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(1, 2, true)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(2, 1, false, true)]
    [InlineData(2, 2, true, true)]
    public void Recursive_likelihood_equals_the_naive_quadratic_one(int D, int K, bool marks, bool uncertain = false)
    {
        var (data, p, _, cov) = Problem(D, K, marks, 11, uncertain);
        var x = RandomPoint(p, 5);
        double recursive = new Likelihood(data, p).Evaluate(x, new double[p.Count]);
        Assert.Equal(Naive(data, p, x, cov), recursive, 1e-7 * Math.Abs(recursive));
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(1, 2, true)]
    [InlineData(2, 2, true)]
    [InlineData(2, 1, false, true)]
    [InlineData(2, 2, true, true)]
    public void Analytic_gradient_equals_finite_differences(int D, int K, bool marks, bool uncertain = false)
    {
        var (data, p, _, _) = Problem(D, K, marks, 3, uncertain);
        var lik = new Likelihood(data, p);
        var x = RandomPoint(p, 9);
        var g = new double[p.Count];
        lik.Evaluate(x, g);
        var scratch = new double[p.Count];
        for (int i = 0; i < p.Count; i++)
        {
            double h = 1e-6, keep = x[i];
            x[i] = keep + h; double up = lik.Evaluate(x, scratch);
            x[i] = keep - h; double down = lik.Evaluate(x, scratch);
            x[i] = keep;
            Assert.True(Math.Abs((up - down) / (2 * h) - g[i]) < 1e-4 * Math.Max(1, Math.Abs(g[i])), $"parameter {i}: {g[i]} vs {(up - down) / (2 * h)}");
        }
    }

    [Theory]
    [InlineData(1, 1, 4, 2)]
    [InlineData(2, 1, 4, 2)]
    [InlineData(2, 1, 9, 7)]
    [InlineData(1, 2, 4, 2)]
    [InlineData(2, 2, 9, 7)]
    public void Fast_unmarked_paths_equal_the_general_one(int D, int K, int seed, int point)
    {
        var (data, p, _, _) = Problem(D, K, false, seed);
        var x = RandomPoint(p, point);
        var g1 = new double[p.Count]; var g2 = new double[p.Count];
        var fastPath = KernelFit.Evaluator(data, p); // what fits use
        Assert.IsNotType<Likelihood>(fastPath);
        double general = new Likelihood(data, p).Evaluate(x, g1), fast = fastPath.Evaluate(x, g2);
        Assert.Equal(general, fast, 1e-9 * Math.Abs(general));
        for (int i = 0; i < p.Count; i++) Assert.Equal(g1[i], g2[i], 1e-8 * Math.Max(1, Math.Abs(g1[i])));
        // Evaluating again reuses the scratch: nothing may carry over from the first call.
        Assert.Equal(fast, fastPath.Evaluate(x, g2));
    }

    /// <summary>
    /// ℓ = Σ_i Σ_c w_ic log(μ_c(t_i) + Σ_(j&lt;i) Σ_e w_je α_ce m_j g(t_i − t_j)) − Σ_d [∫μ_d + Σ_j Σ_e w_je α_de m_j G(T − t_j)],
    /// term by term, with log μ_d(t) = θ_d + b(t) + Σ_j γ_j max over the family's windows covering (t, d) of their exposure,
    /// the ramp's exposure read straight from its formula (w_ic = 1 in the event's channel when it is certain).
    /// </summary>
    private static double Naive(ProblemData data, ParameterLayout p, double[] x, Covariates cov)
    {
        int D = p.D, K = p.K;
        var alpha = new double[D * D]; var beta = new double[K]; var pi = new double[K];
        p.Unpack(x, alpha, beta, pi);
        static double RampExposure(double t) // the deadline of day 47, 6 days before, 3 after
        {
            int k = (int)Math.Floor(t) - 47;
            return k is < -6 or > 3 ? 0 : k <= 0 ? 1 + k / 7.0 : 1 - k / 4.0;
        }
        double Exposure(int j, int d, double t) => j == 2
            ? Math.Max(RampExposure(t), t >= 49.5 && t < 52 ? 1 : 0)
            : cov.Windows.Any(w => w.Effect == Families[j] && w.Covers(t, d)) ? 1 : 0;
        double LogMu(int d, double t)
        {
            double v = x[p.Theta + d] + x[p.Block + Math.Min((int)(t / 7), 8)];
            for (int j = 0; j < Families.Length; j++) v += x[p.Gamma + j] * Exposure(j, d, t);
            return v;
        }
        double M(int i) => p.Marks ? Math.Exp(x[p.Eta] * data.LogMarkRatio![i]) : 1;
        double W(int i, int c) => data.Weights is { } w ? w[i * D + c] : data.Channel[i] == c ? 1 : 0;
        double ll = 0;
        var t = data.Times;
        for (int i = 0; i < t.Length; i++)
        {
            for (int c = 0; c < D; c++)
            {
                if (W(i, c) == 0) continue;
                double lam = Math.Exp(LogMu(c, t[i]));
                for (int j = 0; j < i; j++)
                    for (int e = 0; e < D; e++)
                        for (int k = 0; k < K; k++)
                            lam += W(j, e) * alpha[c * D + e] * M(j) * pi[k] * beta[k] * Math.Exp(-beta[k] * (t[i] - t[j]));
                ll += W(i, c) * Math.Log(lam);
            }
        }
        for (int d = 0; d < D; d++)
        {
            for (double s = 0.0005; s < 60; s += 0.001) ll -= 0.001 * Math.Exp(LogMu(d, s));
            for (int j = 0; j < t.Length; j++)
                for (int e = 0; e < D; e++)
                    for (int k = 0; k < K; k++)
                        ll -= W(j, e) * alpha[d * D + e] * M(j) * pi[k] * (1 - Math.Exp(-beta[k] * (60 - t[j])));
        }
        return ll;
    }
}
