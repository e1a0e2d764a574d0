namespace EscalationForecast.Api.Forecasts.Risk;

/// <summary>
/// The score puts the forecast on the theater's own scale, so that it reads the same in every theater: it is
/// 100 × the probability that the coming horizon brings more incidents than a window of the same length drawn
/// at random from the theater's year before <c>asOf</c> (all of its history when shorter), a tie counting
/// half. A forecast that looks like the theater's usual windows scores 50; one that beats nine past windows
/// in ten scores 90. Levels: <c>low</c> below 60, <c>elevated</c> 60-79, <c>high</c> 80-94, <c>severe</c> 95+.
/// </summary>
public static class RiskScore
{
    public const int LookbackDays = 365;

    /// <summary>The observed count of every window of <paramref name="horizonDays"/> days in the lookback.</summary>
    /// <param name="dailyCounts">incidents per day, oldest first, ending the day before asOf</param>
    public static int[] WindowCounts(ReadOnlySpan<int> dailyCounts, int horizonDays)
    {
        var windows = Math.Max(0, dailyCounts.Length - horizonDays + 1);
        var counts = new int[windows];
        var sum = 0;
        for (var i = 0; i < dailyCounts.Length; i++)
        {
            sum += dailyCounts[i];
            if (i >= horizonDays) sum -= dailyCounts[i - horizonDays];
            if (i >= horizonDays - 1) counts[i - horizonDays + 1] = sum;
        }
        return counts;
    }

    /// <summary>The k for which the forecast's P(N ≥ k) is needed: every window count c and c + 1.</summary>
    public static int[] ThresholdsFor(int[] windowCounts) =>
        windowCounts.SelectMany(c => new[] { c, c + 1 }).Where(k => k >= 1).Distinct().Order().ToArray();

    /// <param name="atLeast">the forecast's P(N ≥ k) for every k of <see cref="ThresholdsFor"/> (k = 0 is 1)</param>
    public static int Of(IReadOnlyDictionary<int, double> atLeast, int[] windowCounts)
    {
        if (windowCounts.Length == 0)
        {
            return 50; // no past to compare with: call it usual
        }
        double P(int k) => k <= 0 ? 1 : atLeast[k];
        var total = 0.0;
        foreach (var c in windowCounts)
        {
            total += 0.5 * (P(c) + P(c + 1)); // P(N > c) + ½ P(N = c)
        }
        return (int)Math.Round(100 * total / windowCounts.Length, MidpointRounding.AwayFromZero);
    }

    public static string LevelOf(int score) => score switch
    {
        < 60 => "low",
        < 80 => "elevated",
        < 95 => "high",
        _ => "severe",
    };
}
