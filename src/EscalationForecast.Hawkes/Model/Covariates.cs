namespace EscalationForecast.Hawkes;

/// <summary>
/// A window [Start, End) in days during which the covariate family <paramref name="Effect"/> ("ceasefire",
/// "anniversary", "deadline", ...) is in force for <paramref name="Channels"/> (null = all channels), with exposure
/// x(t) ∈ (0, 1]: 1 throughout for an indicator window (a ceasefire), or <paramref name="Profile"/>[⌊t − Start⌋], one
/// value per whole day from Start, for a ramp (a scheduled date: <see cref="Covariates.Ramp"/>). Windows of one family
/// share one log-multiplier γ, so the background is multiplied by exp(γ·x(t)); where windows of a family overlap, the
/// largest exposure counts (an indicator counts once).
/// </summary>
public sealed record EffectWindow(string Effect, string Name, double Start, double End, int[]? Channels = null, double[]? Profile = null)
{
    public bool Covers(double t, int channel) =>
        t >= Start && t < End && (Channels is null || Array.IndexOf(Channels, channel) >= 0);

    /// <summary>x(t) inside the window (0 outside it).</summary>
    public double Exposure(double t)
    {
        if (t < Start || t >= End) return 0;
        if (Profile is null) return 1;
        return Profile[Math.Clamp((int)Math.Floor(t - Start), 0, Profile.Length - 1)];
    }

    /// <summary>The day a ramp peaks on (its scheduled date), null for an indicator window.</summary>
    public double? Peak => Profile is null ? null : Start + Array.IndexOf(Profile, Profile.Max());
}

public sealed record Covariates(EffectWindow[] Windows)
{
    public const string Ceasefire = "ceasefire", AnniversaryEffect = "anniversary";

    /// <summary>The longest ramp either side of a scheduled date, in days.</summary>
    public const int MaxRampDays = 365;

    public static Covariates None { get; } = new([]);

    /// <summary>
    /// A scheduled date's window: the pressure ramps up linearly over the <paramref name="daysBefore"/> days before
    /// the date and fades linearly over the <paramref name="daysAfter"/> days after it,
    ///   x(date + k) = 1 − |k|/(daysBefore + 1) for −daysBefore ≤ k ≤ 0,   1 − k/(daysAfter + 1) for 0 ≤ k ≤ daysAfter,
    /// whole days (the day itself at 1), so the multiplier on the background is exp(γ) on the date and exp(γ·x) around it.
    /// <paramref name="date"/> is the date's day in the caller's epoch (an integer).
    /// </summary>
    public static EffectWindow Ramp(string effect, string name, double date, int daysBefore, int daysAfter)
    {
        if (daysBefore is < 0 or > MaxRampDays) throw new ArgumentOutOfRangeException(nameof(daysBefore));
        if (daysAfter is < 0 or > MaxRampDays) throw new ArgumentOutOfRangeException(nameof(daysAfter));
        var profile = new double[daysBefore + daysAfter + 1];
        for (int k = -daysBefore; k <= daysAfter; k++)
            profile[k + daysBefore] = k <= 0 ? 1 - (double)-k / (daysBefore + 1) : 1 - (double)k / (daysAfter + 1);
        return new EffectWindow(effect, name, date - daysBefore, date + daysAfter + 1, null, profile);
    }

    /// <summary>
    /// The yearly recurrences of <paramref name="date"/> (its month and day) whose ramp overlaps [from, to), each a
    /// <see cref="Ramp"/> around that year's date, in days since <paramref name="epoch"/>. Feb 29 recurs on Feb 28.
    /// </summary>
    public static EffectWindow[] Yearly(string effect, string name, DateOnly date, int daysBefore, int daysAfter, DateOnly epoch, double from, double to)
    {
        var windows = new List<EffectWindow>();
        int firstYear = epoch.AddDays((int)Math.Floor(from) - daysAfter - 1).Year;
        int lastYear = epoch.AddDays((int)Math.Ceiling(to) + daysBefore + 1).Year;
        for (int year = firstYear; year <= lastYear; year++)
        {
            int day = Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month));
            double occurrence = new DateOnly(year, date.Month, day).DayNumber - epoch.DayNumber;
            var window = Ramp(effect, name, occurrence, daysBefore, daysAfter);
            if (window.End > from && window.Start < to) windows.Add(window);
        }
        return windows.ToArray();
    }

    /// <summary>
    /// An anniversary: the yearly, symmetric case of a scheduled date, ramping over <paramref name="windowDays"/> days
    /// either side of each recurrence of <paramref name="date"/> (family <see cref="AnniversaryEffect"/>).
    /// </summary>
    public static EffectWindow[] Anniversary(string name, DateOnly date, int windowDays, DateOnly epoch, double from, double to) =>
        windowDays < 0
            ? throw new ArgumentOutOfRangeException(nameof(windowDays))
            : Yearly(AnniversaryEffect, name, date, windowDays, windowDays, epoch, from, to);

    /// <summary>
    /// x_j(t) of family <paramref name="effect"/> for channel <paramref name="channel"/> (−1: any channel): the largest
    /// exposure of its windows at t.
    /// </summary>
    public double ExposureOf(string effect, double t, int channel = -1)
    {
        double x = 0;
        foreach (var w in Windows)
        {
            if (w.Effect != effect || !(t >= w.Start && t < w.End)) continue;
            if (channel >= 0 && !w.Covers(t, channel)) continue;
            x = Math.Max(x, w.Exposure(t));
        }
        return x;
    }
}
