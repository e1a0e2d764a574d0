using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Tests.Infrastructure;
using Marten;

namespace EscalationForecast.Api.Tests.Forecasts.Lifecycle;

/// <summary>The service with refits of a theater at most every <see cref="Interval"/>.</summary>
public sealed class PacedRefitsService : ServiceFixture
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Models:MinRefitIntervalSeconds"] = Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class RefitPacingTests(PacedRefitsService service) : IClassFixture<PacedRefitsService>
{
    [Fact]
    public async Task Pages_arriving_within_the_interval_are_refitted_once_when_it_ends()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("paced"), new DateOnly(2021, 1, 1), 200);
        var events = theater.Events().ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(events[..(events.Length / 2)])).Status);
        var first = (await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null)).Current!;

        // Three more pages, each of which would otherwise be refitted 0.2 s after it arrives.
        var rest = events[(events.Length / 2)..];
        foreach (var page in rest.Chunk(rest.Length / 3 + 1))
        {
            Assert.Equal(200, (await service.Host.PostEventsAsync(page)).Status);
            await Task.Delay(300);
        }
        var second = (await service.WaitForModelAsync(theater.TheaterId, m => m.Current?.EventsUsed == events.Length)).Current!;

        Assert.True(second.FittedAt - first.FittedAt >= PacedRefitsService.Interval,
            $"refitted {second.FittedAt - first.FittedAt} after the previous fit");
        await using var session = service.Store.QuerySession();
        var fits = (await session.Events.FetchStreamAsync(ModelStreams.Of(theater.TheaterId))).Select(e => e.Data).OfType<ModelFitted>();
        Assert.Equal([first.EventsUsed, events.Length], fits.Select(f => f.EventsUsed));
    }
}

/// <summary>The service with refits paced by their cost: 2,000 times the last fit's duration, and at least 1 s.</summary>
public sealed class CostPacedRefitsService : ServiceFixture
{
    public const double Factor = 2_000;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Models:MinRefitIntervalSeconds"] = "1";
        settings["Models:RefitCostFactor"] = Factor.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class RefitCostPacingTests(CostPacedRefitsService service) : IClassFixture<CostPacedRefitsService>
{
    [Fact]
    public async Task A_theater_whose_fits_take_long_is_refitted_after_a_multiple_of_its_last_fit()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("costly"), new DateOnly(2021, 1, 1), 200);
        var events = theater.Events().ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(events[..(events.Length / 2)])).Status);
        var fitted = await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null);

        Assert.Equal(200, (await service.Host.PostEventsAsync(events[(events.Length / 2)..])).Status);
        var held = await service.WaitForModelAsync(theater.TheaterId, m => m.RefitDue is not null);

        // Not after the 1 s interval: after 2,000 times the real fit's duration (tens of milliseconds here).
        var seconds = fitted.Current!.Diagnostics.Seconds;
        Assert.True(seconds > 0.001, $"the fit took {seconds} s");
        Assert.Equal(fitted.RefittedAt!.Value + TimeSpan.FromSeconds(CostPacedRefitsService.Factor * seconds), held.RefitDue!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(fitted.Current.DataKey, held.Current.DataKey); // the new page waits for the refit
    }
}
