using System.Globalization;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Cli.Fitting;

/// <summary>What <c>forecast fit</c> prints: the headline numbers of a <see cref="HawkesFit"/>.</summary>
internal sealed record FitReport(string Kernel, string[] Channels, int Events, DateOnly DataStart, DateOnly DataEnd,
    double BranchingRatio, double DecayHalfLifeDays, double BaselinePerDay, double[] BaselinePerDayByChannel,
    double[][] Excitation, IReadOnlyDictionary<string, EffectEstimate> Effects, double LogLikelihood, double Aic,
    double PoissonLogLikelihood, double PoissonAic, double KsStatistic, double KsPValue, int Evaluations,
    double FitSeconds, bool Converged, ParameterEstimate[] Parameters)
{
    public static FitReport From(HawkesFit fit, DateOnly epoch)
    {
        var m = fit.Model; var d = fit.Diagnostics;
        return new FitReport(m.Kernel, m.Channels, d.EventsUsed, epoch.AddDays((int)m.DataStart), epoch.AddDays((int)Math.Ceiling(m.DataEnd) - 1),
            m.BranchingRatio, m.DecayHalfLifeDays, m.BaselinePerDay.Sum(), m.BaselinePerDay, m.Excitation, m.Effects,
            d.LogLikelihood, d.Aic, d.PoissonLogLikelihood, d.PoissonAic, d.KsStatistic, d.KsPValue, d.Evaluations,
            d.Seconds, d.Converged, m.Parameters.Where(p => !p.Name.StartsWith("level[", StringComparison.Ordinal)).ToArray());
    }

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"{Events} events {DataStart:yyyy-MM-dd}..{DataEnd:yyyy-MM-dd}, kernel {Kernel}"),
            string.Create(c, $"branching ratio {BranchingRatio:F3}, decay half-life {DecayHalfLifeDays:F3} days, baseline {BaselinePerDay:F2}/day"),
        };
        foreach (var (name, e) in Effects) lines.Add(string.Create(c, $"{name}: ×{e.Multiplier:F3} (SE {e.StandardError:F3})"));
        lines.Add(string.Create(c, $"log-likelihood {LogLikelihood:F1}, AIC {Aic:F1} (Poisson {PoissonAic:F1}), KS {KsStatistic:F4} p = {KsPValue:F3}"));
        lines.Add(string.Create(c, $"{Evaluations} evaluations, {FitSeconds:F2} s, converged: {Converged}"));
        return string.Join(Environment.NewLine, lines);
    }
}
