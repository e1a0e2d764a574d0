using EscalationForecast.Api.Forecasts.Risk;
using EscalationForecast.Api.Forecasts.Live;

namespace EscalationForecast.Api.Tests.Forecasts.Risk;

public sealed class RiskScoreTests
{
    [Fact]
    public void Window_counts_are_the_rolling_sums_over_the_horizon()
    {
        Assert.Equal([3, 2, 5], RiskScore.WindowCounts([1, 2, 0, 5], 2));
        Assert.Empty(RiskScore.WindowCounts([1], 7));
    }

    [Fact]
    public void A_forecast_shaped_like_the_past_scores_50_and_the_levels_split_the_scale()
    {
        // Past windows: 0, 1, 2, 3 once each; a forecast uniform on 0..3 ties with the past: P(N > c) + ½P(N = c) averages ½.
        var past = new[] { 0, 1, 2, 3 };
        var uniform = new Dictionary<int, double> { [1] = 0.75, [2] = 0.5, [3] = 0.25, [4] = 0 };
        Assert.Equal(50, RiskScore.Of(uniform, past));

        var surely5 = RiskScore.ThresholdsFor(past).ToDictionary(k => k, _ => 1.0);
        Assert.Equal(100, RiskScore.Of(surely5, past));
        var surely0 = RiskScore.ThresholdsFor(past).ToDictionary(k => k, _ => 0.0);
        Assert.Equal(13, RiskScore.Of(surely0, past)); // beats no window, ties the zero window: ½ · ¼

        Assert.Equal(("low", "elevated", "high", "severe"),
            (RiskScore.LevelOf(59), RiskScore.LevelOf(60), RiskScore.LevelOf(80), RiskScore.LevelOf(95)));
    }
}
