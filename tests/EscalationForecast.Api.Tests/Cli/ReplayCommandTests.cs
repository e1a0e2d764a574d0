extern alias cli;
using System.CommandLine;
using cli::EscalationForecast.Cli.Replaying;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Client.Http;
using Spectre.Console.Testing;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Cli;

public sealed class ReplayCommandTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Forecast_replay_rebuilds_the_projections_and_reports_completion()
    {
        var theater = ServiceFixture.NewTheater("cli-replay");
        await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"), Incident($"{theater}-2", theater, "2020-12-20"));
        await service.CatchUpAsync();

        var console = new TestConsole();
        var root = new RootCommand { ReplayCommand.Create(console, _ => new EscalationForecastClient(service.Host.Server.CreateClient())) };
        var exit = await root.Parse(["replay"]).InvokeAsync();

        Assert.True(exit == 0, console.Output);
        Assert.Contains("Replayed", console.Output);
        await service.CatchUpAsync();
        var series = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/series?from=2020-12-20&to=2020-12-20");
        Assert.Equal(2, series["items"]![0]!["count"]!.GetValue<int>());
    }
}
