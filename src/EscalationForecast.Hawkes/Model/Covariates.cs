namespace EscalationForecast.Hawkes;

/// <summary>
/// A window [Start, End) in days during which the covariate family <paramref name="Effect"/> ("ceasefire",
/// "anniversary", ...) is in force for <paramref name="Channels"/> (null = all channels). Windows of one family
/// share one log-multiplier γ; overlapping windows of a family count once (x_j(t) is an indicator).
/// </summary>
public sealed record EffectWindow(string Effect, string Name, double Start, double End, int[]? Channels = null)
{
    public bool Covers(double t, int channel) =>
        t >= Start && t < End && (Channels is null || Array.IndexOf(Channels, channel) >= 0);
}

public sealed record Covariates(EffectWindow[] Windows)
{
    public const string Ceasefire = "ceasefire", AnniversaryEffect = "anniversary";

    public static Covariates None { get; } = new([]);

    /// <summary>
    /// The yearly recurrences of <paramref name="date"/> (its month and day) whose window overlaps [from, to):
    /// each window is [occurrence − windowDays, occurrence + windowDays + 1) in days since <paramref name="epoch"/>,
    /// i.e. the day itself and <paramref name="windowDays"/> whole days either side. Feb 29 recurs on Feb 28.
    /// </summary>
    public static EffectWindow[] Anniversary(string name, DateOnly date, int windowDays, DateOnly epoch, double from, double to)
    {
        if (windowDays < 0) throw new ArgumentOutOfRangeException(nameof(windowDays));
        var windows = new List<EffectWindow>();
        int firstYear = epoch.AddDays((int)Math.Floor(from) - windowDays - 1).Year;
        int lastYear = epoch.AddDays((int)Math.Ceiling(to) + windowDays + 1).Year;
        for (int year = firstYear; year <= lastYear; year++)
        {
            int day = Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month));
            double occurrence = new DateOnly(year, date.Month, day).DayNumber - epoch.DayNumber;
            double start = occurrence - windowDays, end = occurrence + windowDays + 1;
            if (end > from && start < to) windows.Add(new EffectWindow(AnniversaryEffect, name, start, end));
        }
        return windows.ToArray();
    }
}
