namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>
/// Exponential back-off with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015):
/// d = min(max, base · 2^(n−1)), waited as d/2 + U(0, d/2), so retries of many alerts failing together spread
/// out instead of arriving at the receiver in waves, and no retry comes sooner than half its nominal delay.
/// </summary>
public static class Backoff
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="uniform">A draw from U(0, 1).</param>
    public static TimeSpan Delay(int attempt, double baseSeconds, double maxSeconds, double uniform)
    {
        var nominal = Math.Min(maxSeconds, baseSeconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromSeconds(nominal / 2 + uniform * nominal / 2);
    }
}
