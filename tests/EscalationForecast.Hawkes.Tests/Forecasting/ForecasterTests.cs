using System.Text.Json;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Forecasting;

public class ForecasterTests
{
    private static (HawkesModel, EventHistory, Covariates) Setup()
    {
        var effects = new Dictionary<string, double> { ["ceasefire"] = 0.4 };
        var model = TestModels.Univariate(0.8, 0.6, 0.8, 100, effects);
        var cov = new Covariates([new EffectWindow("ceasefire", "truce", 101, 140)]);
        return (model, Simulator.Simulate(model, cov, 0, 100, 3), cov);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Exact_probability_of_at_least_one_equals_the_simulation(double horizon)
    {
        var (model, history, cov) = Setup();
        var f = Forecaster.Forecast(model, history, cov, 100.5, horizon, new ForecastOptions { Paths = 40_000, Seed = 5 });
        double simulated = Forecaster.FractionAtLeast(f.SampledCounts, 1);
        double se = Math.Sqrt(f.ProbabilityAtLeastOne * (1 - f.ProbabilityAtLeastOne) / 40_000);
        Assert.True(Math.Abs(simulated - f.ProbabilityAtLeastOne) < 4 * se, $"{simulated} vs {f.ProbabilityAtLeastOne}");
        Assert.InRange(f.ProbabilityAtLeastOne, 0.05, 0.999);
    }

    [Fact]
    public void A_history_of_other_channels_than_the_model_is_refused_by_name()
    {
        var (model, history, cov) = Setup();
        var wider = history with
        {
            Channels = [.. history.Channels, "zz-new"],
            Channel = [.. history.Channel[..^1], history.Channels.Length],
        };
        var refused = Assert.Throws<ArgumentException>(() => Forecaster.Forecast(model, wider, cov, 100, 7));
        Assert.Contains("zz-new", refused.Message);
    }

    [Fact]
    public void Forecasts_are_bit_for_bit_deterministic_and_depend_on_the_seed()
    {
        var (model, history, cov) = Setup();
        var options = new ForecastOptions { Paths = 10_000, Seed = 42, AtLeast = [1, 2, 5] };
        var a = Forecaster.Forecast(model, history, cov, 100, 7, options);
        var b = Forecaster.Forecast(model, history, cov, 100, 7, options);
        Assert.Equal(a.SampledCounts, b.SampledCounts);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.ExpectedCount), BitConverter.DoubleToInt64Bits(b.ExpectedCount));
        Assert.Equal(a.ProbabilityAtLeast[5], b.ProbabilityAtLeast[5]);
        var c = Forecaster.Forecast(model, history, cov, 100, 7, options with { Seed = 43 });
        Assert.NotEqual(a.SampledCounts, c.SampledCounts);
        Assert.True(a.Quantiles[0.05] <= a.Quantiles[0.5] && a.Quantiles[0.5] <= a.Quantiles[0.95]);
    }

    [Fact]
    public void Ceasefire_ahead_lowers_the_forecast_and_day_precision_events_wait_for_their_day_to_end()
    {
        var (model, history, cov) = Setup();
        var with = Forecaster.Forecast(model, history, cov, 100, 7, new ForecastOptions { Paths = 2000 });
        var without = Forecaster.Forecast(model, history, Covariates.None, 100, 7, new ForecastOptions { Paths = 2000 });
        Assert.True(with.ExpectedCount < without.ExpectedCount);

        var day = new EventHistory(model.Channels, [10, 10, 10], [0, 0, 0], DayPrecision: [true, true, true]);
        var during = Forecaster.Forecast(model, day, Covariates.None, 10.5, 1, new ForecastOptions { Paths = 100 });
        var after = Forecaster.Forecast(model, day, Covariates.None, 11, 1, new ForecastOptions { Paths = 100 });
        Assert.Equal(0.8, during.IntensityPerDay, 1e-12);
        Assert.True(after.IntensityPerDay > 0.8);
    }

    [Fact]
    public void Drivers_add_up_to_the_intensity_and_daily_intensity_to_the_compensator()
    {
        var (model, history, cov) = Setup();
        var why = Drivers.Explain(model, history, cov, 120, top: int.MaxValue);
        Assert.Equal(why.TotalPerDay, why.BackgroundPerDay + why.Events.Sum(e => e.PerDay), 1e-9);
        Assert.Equal(0.8 * 0.4, why.BackgroundPerDay, 1e-12);
        Assert.Equal(0.8, why.BaseBackgroundPerDay, 1e-12);
        Assert.Equal("truce", Assert.Single(why.Effects).Name);
        Assert.True(why.Events.Zip(why.Events.Skip(1)).All(p => p.First.PerDay >= p.Second.PerDay));

        var daily = DailyIntensity.ExpectedPerDay(model, history, Covariates.None, 0, 100);
        double compensator = 0.8 * 100 + history.Times.Sum(t => 0.6 * (1 - Math.Exp(-0.8 * (100 - t))));
        Assert.Equal(compensator, daily.Sum(), 1e-6);
        // With no events after day 100, the day's integrated intensity is the no-new-event integral: −log P(N = 0).
        var next = Forecaster.Forecast(model, history, Covariates.None, 100, 1, new ForecastOptions { Paths = 10 });
        Assert.Equal(-Math.Log(1 - next.ProbabilityAtLeastOne), DailyIntensity.ExpectedPerDay(model, history, Covariates.None, 100, 1)[0], 1e-9);
    }

    [Fact]
    public void Models_and_fits_round_trip_through_JSON()
    {
        var (model, history, cov) = Setup();
        var fitted = HawkesFitter.Fit(history, cov, new FitOptions { End = 100 }).Model;
        var json = JsonSerializer.Serialize(fitted);
        var back = JsonSerializer.Deserialize<HawkesModel>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
        var f1 = Forecaster.Forecast(fitted, history, cov, 100, 2, new ForecastOptions { Paths = 500 });
        var f2 = Forecaster.Forecast(back, history, cov, 100, 2, new ForecastOptions { Paths = 500 });
        Assert.Equal(f1.ProbabilityAtLeastOne, f2.ProbabilityAtLeastOne);
    }
}
