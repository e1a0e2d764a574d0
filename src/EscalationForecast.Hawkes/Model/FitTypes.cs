namespace EscalationForecast.Hawkes;

public enum KernelChoice { Auto, Exponential, SumOfExponentials }

public sealed record FitOptions
{
    /// <summary>Auto fits both kernels and keeps the one with the lower AIC.</summary>
    public KernelChoice Kernel { get; init; } = KernelChoice.Auto;
    /// <summary>End of the observation window in days; default: the end of the day of the last event.</summary>
    public double? End { get; init; }
    /// <summary>Use <see cref="EventHistory.Marks"/>: event i excites with factor (mark_i / mean mark)^η, η fitted.</summary>
    public bool Marks { get; init; }
    /// <summary>
    /// Start the optimiser from a previous fit: the rolling backtest's weekly refits do. The service's fits never do, so
    /// that a model depends on its data alone and every node and every replay fits the same one.
    /// </summary>
    public HawkesModel? WarmStart { get; init; }
    public bool StandardErrors { get; init; } = true;
    public bool GoodnessOfFit { get; init; } = true;
    /// <summary>Length of the background's piecewise-constant blocks; default max(14, span/150) days.</summary>
    public double? BlockDays { get; init; }
    /// <summary>Prior standard deviation of the weekly random-walk step of the log background b(t).</summary>
    public double BackgroundStepSd { get; init; } = Priors.DefaultWeeklyStepSd;
}

public sealed record HawkesFit(HawkesModel Model, FitDiagnostics Diagnostics);

/// <summary>
/// LogLikelihood and Aic are of the unpenalised likelihood at the penalised optimum; AIC counts every parameter
/// but the background blocks, which count by their effective degrees of freedom. Poisson* are for a homogeneous
/// Poisson process per channel. Ks* test the time-rescaling residuals against Exp(1).
/// </summary>
public sealed record FitDiagnostics(double LogLikelihood, double Aic, double PoissonLogLikelihood, double PoissonAic,
    double KsStatistic, double KsPValue, int Evaluations, double Seconds, bool Converged, int EventsUsed);

/// <summary>A fitted parameter on its natural scale; SE by the delta method. NaN only if StandardErrors=false.</summary>
public sealed record ParameterEstimate(string Name, double Value, double StandardError);

/// <summary>Multiplier exp(γ) of a covariate family, SE by the delta method exp(γ)·SE(γ).</summary>
public sealed record EffectEstimate(double Multiplier, double StandardError);
