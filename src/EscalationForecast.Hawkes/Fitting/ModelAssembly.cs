using MathNet.Numerics.LinearAlgebra;

namespace EscalationForecast.Hawkes;

/// <summary>Turns an optimum x (and its covariance) into a <see cref="HawkesModel"/>: natural scales, SEs by the delta method.</summary>
internal static class ModelAssembly
{
    public static HawkesModel Build(FitContext ctx, ParameterLayout p, double[] x, Matrix<double>? cov, ProblemData data)
    {
        int D = p.D, K = p.K;
        var alpha = new double[D * D]; var beta = new double[K]; var pi = new double[K];
        p.Unpack(x, alpha, beta, pi);
        var byDecay = Enumerable.Range(0, K).OrderByDescending(k => beta[k]).ToArray();
        double Se(int i) => cov is null ? double.NaN : Math.Sqrt(Math.Max(cov[i, i], 0));
        // Var of a linear combination Σ w_i x_(offset+i): wᵀ Σ w.
        double SeOf(int offset, ReadOnlySpan<double> w)
        {
            if (cov is null) return double.NaN;
            double v = 0;
            for (int i = 0; i < w.Length; i++)
                for (int j = 0; j < w.Length; j++) v += w[i] * w[j] * cov[offset + i, offset + j];
            return Math.Sqrt(Math.Max(v, 0));
        }
        var parameters = new List<ParameterEstimate>();
        for (int d = 0; d < D; d++) parameters.Add(new($"theta[{ctx.Channels[d]}]", x[p.Theta + d], Se(p.Theta + d)));
        var excitation = new double[D][];
        for (int d = 0; d < D; d++)
        {
            excitation[d] = new double[D];
            for (int e = 0; e < D; e++)
            {
                excitation[d][e] = alpha[d * D + e];
                var w = new double[D];
                for (int f = 0; f < D; f++) w[f] = alpha[d * D + e] * ((e == f ? 1 : 0) - alpha[d * D + f]);
                parameters.Add(new($"alpha[{ctx.Channels[d]}<-{ctx.Channels[e]}]", alpha[d * D + e], SeOf(p.Alpha + d * D, w)));
            }
        }
        for (int r = 0; r < K; r++)
        {
            int k = byDecay[r];
            parameters.Add(new($"beta[{r}]", beta[k], beta[k] * Se(p.LogBeta + k)));
        }
        for (int r = 0; K > 1 && r < K; r++)
        {
            int k = byDecay[r];
            var w = new double[K - 1];
            for (int l = 1; l < K; l++) w[l - 1] = pi[k] * ((k == l ? 1 : 0) - pi[l]);
            parameters.Add(new($"weight[{r}]", pi[k], SeOf(p.WeightLogit, w)));
        }
        var effects = new Dictionary<string, EffectEstimate>();
        for (int j = 0; j < p.J; j++)
        {
            double m = Math.Exp(x[p.Gamma + j]);
            effects[ctx.Families[j]] = new EffectEstimate(m, m * Se(p.Gamma + j));
            parameters.Add(new($"multiplier[{ctx.Families[j]}]", m, m * Se(p.Gamma + j)));
        }
        double eta = p.Marks ? x[p.Eta] : 0, meanMark = 1;
        if (p.Marks)
        {
            parameters.Add(new("markExponent", eta, Se(p.Eta)));
            meanMark = MeanMarkFactor(data.LogMarkRatio, eta);
        }
        for (int k = 0; k < p.B; k++) parameters.Add(new($"level[{k}]", x[p.Block + k], Se(p.Block + k)));

        var sortedBeta = byDecay.Select(k => beta[k]).ToArray();
        var sortedPi = byDecay.Select(k => pi[k]).ToArray();
        double meanLag = 0;
        for (int k = 0; k < K; k++) meanLag += sortedPi[k] / sortedBeta[k];
        var model = new HawkesModel
        {
            Kernel = K == 1 ? HawkesModel.ExponentialKernel : HawkesModel.SumOfExponentialsKernel,
            Channels = ctx.Channels,
            BranchingRatio = SpectralRadius(excitation) * meanMark,
            DecayHalfLifeDays = Math.Log(2) * meanLag,
            BaselinePerDay = new double[D],
            Excitation = excitation,
            Effects = effects,
            Parameters = parameters.ToArray(),
            DataStart = data.Start, DataEnd = data.End,
            Decays = sortedBeta, Weights = sortedPi,
            LogBaseline = x.AsSpan(p.Theta, D).ToArray(),
            BlockLength = ctx.BlockLength,
            BlockLevels = x.AsSpan(p.Block, p.B).ToArray(),
            EffectFamilies = ctx.Families,
            EffectLogMultipliers = x.AsSpan(p.Gamma, p.J).ToArray(),
            UsesMarks = p.Marks, MarkExponent = eta, MarkReference = data.MarkReference, MeanMarkFactor = meanMark,
        };
        var mu = data.Grid.Background(model);
        for (int s = 0; s < data.Grid.Count; s++)
            for (int d = 0; d < D; d++)
                model.BaselinePerDay[d] += (data.Grid.End[s] - data.Grid.Start[s]) * mu[s * D + d] / (data.End - data.Start);
        return model;
    }

    private static double MeanMarkFactor(double[]? logMarkRatio, double eta)
    {
        if (logMarkRatio is null || logMarkRatio.Length == 0) return 1;
        double sum = 0;
        foreach (var l in logMarkRatio) sum += Math.Exp(eta * l);
        return sum / logMarkRatio.Length;
    }

    /// <summary>max |eigenvalue| of α (for a non-negative matrix, its Perron root).</summary>
    public static double SpectralRadius(double[][] alpha)
    {
        if (alpha.Length == 1) return alpha[0][0];
        var m = Matrix<double>.Build.Dense(alpha.Length, alpha.Length, (i, j) => alpha[i][j]);
        return m.Evd().EigenValues.Select(v => v.Magnitude).Max();
    }
}
