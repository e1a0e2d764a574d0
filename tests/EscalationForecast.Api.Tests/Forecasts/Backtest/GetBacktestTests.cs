extern alias cli;
using System.CommandLine;
using cli::EscalationForecast.Cli.Backtesting;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Client.Http;
using Spectre.Console.Testing;

namespace EscalationForecast.Api.Tests.Forecasts.Backtest;

public sealed class GetBacktestTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<string> TheaterAsync(string name)
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater(name), new DateOnly(2022, 1, 1), 300);
        var (status, body, _) = await service.Host.PostEventsAsync([.. theater.Events()]);
        Assert.True(status == 200, body?.ToJsonString());
        return theater.TheaterId;
    }

    [Fact]
    public async Task The_backtest_answers_a_row_per_day_and_scores_the_model_against_both_baselines()
    {
        var theater = await TheaterAsync("backtest");
        var answer = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/backtest?from=2022-09-01&to=2022-09-30");

        var items = answer["items"]!.AsArray();
        Assert.Equal(30, items.Count);
        Assert.Equal("2022-09-01", items[0]!["date"]!.GetValue<string>());
        Assert.Equal("2022-09-30", items[^1]!["date"]!.GetValue<string>());
        Assert.All(items, i => Assert.InRange(i!["probability"]!.GetValue<double>(), 0, 1));
        Assert.True(answer["threshold"]!.GetValue<int>() >= 1);
        foreach (var forecaster in new[] { "model", "climatology", "poisson7" })
        {
            var brier = answer["summary"]![forecaster]!["brier"]!.GetValue<double>();
            Assert.InRange(brier, 0, 1);
            Assert.NotEmpty(answer["summary"]![forecaster]!["reliability"]!.AsArray());
        }
        // the Brier score is the mean squared error of the day's probability against its outcome
        var model = items.Average(i => Math.Pow(i!["probability"]!.GetValue<double>() - (i["escalation"]!.GetValue<bool>() ? 1 : 0), 2));
        Assert.Equal(model, answer["summary"]!["model"]!["brier"]!.GetValue<double>(), 3);

        await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/backtest?from=2022-09-30&to=2022-09-01", 400);
        await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/backtest?from=2022-01-02&to=2022-01-05", 422);
    }

    [Fact]
    public async Task Forecast_backtest_prints_the_scores_of_each_theater_and_pooled()
    {
        var first = await TheaterAsync("cli-bt-a");
        var second = await TheaterAsync("cli-bt-b");
        var console = new TestConsole { Profile = { Width = 250 } };
        var root = new RootCommand { BacktestCommand.Create(console, _ => new EscalationForecastClient(service.Host.Server.CreateClient())) };

        var exit = await root.Parse(["backtest", first, second, "--from", "2022-10-01", "--to", "2022-10-20"]).InvokeAsync();

        Assert.True(exit == 0, console.Output);
        Assert.Contains(first, console.Output);
        Assert.Contains(second, console.Output);
        Assert.Contains("pooled", console.Output);
        Assert.Equal(1, await root.Parse(["backtest", "no-such-theater"]).InvokeAsync());
    }
}
