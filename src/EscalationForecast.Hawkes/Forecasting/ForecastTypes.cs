namespace EscalationForecast.Hawkes;

public sealed record ForecastOptions
{
    public int Paths { get; init; } = 10_000;
    public int Seed { get; init; } = 0;
    public int[] AtLeast { get; init; } = [1];
    public double[] Quantiles { get; init; } = [0.05, 0.5, 0.95];
}

/// <summary>
/// The distribution of N(from, from+h]. IntensityPerDay and BaselinePerDay are λ and μ (covariate multipliers
/// included) at `from`, summed over channels. ProbabilityAtLeastOne (and ProbabilityAtLeast[1]) are exact.
/// </summary>
public sealed record CountForecast(double ExpectedCount, IReadOnlyDictionary<double, int> Quantiles,
    IReadOnlyDictionary<int, double> ProbabilityAtLeast, double ProbabilityAtLeastOne,
    double IntensityPerDay, double BaselinePerDay)
{
    /// <summary>The simulated counts, sorted (for CRPS); not serialised by default consumers that ignore it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] SampledCounts { get; init; } = [];
}

public sealed record EventContribution(int EventIndex, double PerDay);
/// <summary>An effect in force at t: its multiplier then, exp(γ·x(t)), with x(t) its exposure, and at full exposure, exp(γ).</summary>
public sealed record EffectInForce(string Effect, string Name, double Multiplier)
{
    public double Exposure { get; init; } = 1;
    public double PeakMultiplier { get; init; } = Multiplier;
    /// <summary>The window in force (for a scheduled date, its ramp).</summary>
    public EffectWindow? Window { get; init; }
}
public sealed record IntensityBreakdown(double TotalPerDay, double BackgroundPerDay, double BaseBackgroundPerDay,
    EffectInForce[] Effects, EventContribution[] Events);
