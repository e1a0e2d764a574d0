using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Forecasts.Live;

/// <summary>The service with the lifecycle's refits held back for an hour after each fit.</summary>
public sealed class HeldRefitsService : ServiceFixture
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Models:MinRefitIntervalSeconds"] = "3600";
}

public sealed class RiskBoardTests(HeldRefitsService service) : IClassFixture<HeldRefitsService>
{
    [Fact]
    public async Task A_new_channel_before_the_next_refit_is_answered_with_a_fit_of_the_current_data()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("channels"), new DateOnly(2021, 1, 1), 60);
        var events = theater.Events().ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(events)).Status);
        var model = (await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null)).Current!;
        Assert.Equal(["default"], model.Model.Channels);

        // The first incident of a second channel: the recorded model has one channel, the data now two.
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater.TheaterId}-m", theater.TheaterId, "2021-03-01", "militia"))).Status);

        var used = await Eventually.UntilAsync(
            async () => (await service.Host.GetJsonAsync($"/api/v1/theaters/{theater.TheaterId}/risk"))["model"]!["eventsUsed"]!.GetValue<int>(),
            u => u == model.EventsUsed + 1, TimeSpan.FromSeconds(20), $"the live answer of {theater.TheaterId} from a fit of the current data");
        Assert.Equal(model.EventsUsed + 1, used);
    }
}
