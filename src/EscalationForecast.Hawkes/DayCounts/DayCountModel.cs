namespace EscalationForecast.Hawkes;

/// <summary>Which parts of the day-count model are fitted (each off is a row of the backtest's ablation).</summary>
public sealed record DayCountOptions
{
    /// <summary>The slow kernel component: the local level that follows the surge and the de-escalation.</summary>
    public bool Level { get; init; } = true;
    /// <summary>
    /// A second, faster kernel component beside the level (yesterday's incidents exciting today's more than the level
    /// says). Off by default: on both backtest periods it made the log score worse (README, the ablation).
    /// </summary>
    public bool Excitation { get; init; }
    /// <summary>A negative-binomial day count (same-day clustering) instead of a Poisson one.</summary>
    public bool Overdispersion { get; init; } = true;
    /// <summary>A multiplier per day of the week.</summary>
    public bool DayOfWeek { get; init; } = true;
    /// <summary>The covariate families (ceasefire, anniversary, ...) as multipliers of the day's mean.</summary>
    public bool Context { get; init; } = true;
}

/// <summary>
/// A discrete-time Hawkes process on day counts (INGARCH-style; Ferland, Latour &amp; Oraichi 2006, Zhu 2011), for
/// theaters whose incidents are known to the day only: it forecasts from the day counts themselves, never from one
/// arbitrary spreading of a day's events inside it.
///   N_t | past ~ NB(λ_t, r),   λ_t = s_(w(t)) · exp(Σ_j γ_j x_j(t)) · (ω + a_L L_t + a_E E_t),
///   L_(t+1) = φ_L L_t + (1 − φ_L) N_t,   E_(t+1) = φ_E E_t + (1 − φ_E) N_t,   0 &lt; φ_E &lt; φ_L &lt; 1,
/// i.e. λ_t = ω + Σ_(j≥1) κ_j N_(t−j) with the two-exponential day kernel κ_j = Σ_c a_c (1 − φ_c) φ_c^(j−1) and
/// branching ratio a_L + a_E &lt; 1. The slow component L is the local level, the fast one E the excitation; s_w
/// are day-of-week multipliers (Π s_w = 1), x_j(t) the covariate exposures at the day's midpoint (1 in an indicator window, a scheduled date's ramp). Days are
/// floor(time) in the caller's epoch; L and E start at <see cref="InitialLevel"/> on <see cref="FirstDay"/>.
/// </summary>
public sealed record DayCountModel
{
    /// <summary>How a risk answer names the model it forecast from.</summary>
    public const string KernelName = "day-counts";

    public required int FirstDay { get; init; }
    /// <summary>The first day after the fitted data.</summary>
    public required int EndDay { get; init; }
    public required double Base { get; init; }
    public required double LevelWeight { get; init; }
    public required double LevelMemory { get; init; }
    public required double ExcitationWeight { get; init; }
    public required double ExcitationMemory { get; init; }
    /// <summary>r of the negative binomial; PositiveInfinity = Poisson.</summary>
    public required double Size { get; init; }
    /// <summary>s_w for w = day mod 7.</summary>
    public required double[] DayOfWeek { get; init; }
    public required string[] EffectFamilies { get; init; }
    public required double[] EffectLogMultipliers { get; init; }
    public required double InitialLevel { get; init; }
    public required double LogLikelihood { get; init; }
    public required double Aic { get; init; }
    public bool Converged { get; init; }

    public double BranchingRatio => LevelWeight + ExcitationWeight;

    /// <summary>ln2 / −ln φ: the half-life in days of the fast (excitation) and slow (level) components.</summary>
    public double ExcitationHalfLifeDays => Math.Log(2) / -Math.Log(ExcitationMemory);
    public double LevelHalfLifeDays => Math.Log(2) / -Math.Log(LevelMemory);

    public static int Weekday(int day) => ((day % 7) + 7) % 7;

    /// <summary>s_w · exp(Σ γ_j x_j): the day's multiplier of ω + a_L L + a_E E.</summary>
    public double Multiplier(int day, Covariates covariates) =>
        DayOfWeek[Weekday(day)] * Math.Exp(DayCountSeries.ContextExponent(EffectFamilies, EffectLogMultipliers, covariates, day));

    /// <summary>(L, E) on <paramref name="day"/> from the counts of the days before it (counts[0] is FirstDay).</summary>
    public (double Level, double Excitation) StateAt(ReadOnlySpan<int> counts, int day)
    {
        double level = InitialLevel, excitation = InitialLevel;
        for (int t = FirstDay, i = 0; t < day && i < counts.Length; t++, i++)
        {
            level = LevelMemory * level + (1 - LevelMemory) * counts[i];
            excitation = ExcitationMemory * excitation + (1 - ExcitationMemory) * counts[i];
        }
        return (level, excitation);
    }

    /// <summary>λ_t given the state.</summary>
    public double Mean(int day, double level, double excitation, Covariates covariates) =>
        Multiplier(day, covariates) * (Base + LevelWeight * level + ExcitationWeight * excitation);
}
