using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Tests.Alerts;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Forecasts.Lifecycle;

/// <summary>
/// The service with refits of a theater at most every <see cref="Interval"/>, and Wolverine polling its scheduled
/// messages every 100 ms instead of every 5 s, so that a page's refit request runs when it is due (0.2 s later).
/// The interval is long enough for three pages to arrive inside it on a busy two-core machine (each page is a batch
/// and a tracked refit request: a few seconds there when other test classes fit models at the same time).
/// </summary>
public sealed class PacedRefitsService : ServiceFixture
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Models:MinRefitIntervalSeconds"] = Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override void ConfigureServices(IServiceCollection services) => AlertingFixture.FastScheduling(services);
}

public sealed class RefitPacingTests(PacedRefitsService service) : IClassFixture<PacedRefitsService>
{
    [Fact]
    public async Task Pages_arriving_within_the_interval_are_refitted_once_when_it_ends()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("paced"), new DateOnly(2021, 1, 1), 200);
        var events = theater.Events().ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(events[..(events.Length / 2)])).Status);
        var fitted = await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null);
        var first = fitted.Current!;

        // Three more pages, each of which would otherwise be refitted 0.2 s after it arrives: each page's refit request
        // runs (and is held back) before the next page comes.
        var rest = events[(events.Length / 2)..];
        foreach (var page in rest.Chunk(rest.Length / 3 + 1))
        {
            await service.Host.TrackActivity().Timeout(30.Seconds()).WaitForMessageToBeReceivedAt<RefitTheater>(service.Host)
                .ExecuteAndWaitAsync(async () => Assert.Equal(200, (await service.Host.PostEventsAsync(page)).Status));
        }
        var refitted = await service.WaitForModelAsync(theater.TheaterId, m => m.Current?.EventsUsed == events.Length);

        // The interval runs from when the lifecycle recorded the previous fit, not from that fit's own time, which comes
        // up to a fit's duration later: the refit runs as soon as the interval ends, so two fits' times may lie closer.
        Assert.True(refitted.RefittedAt - fitted.RefittedAt >= PacedRefitsService.Interval,
            $"refitted {refitted.RefittedAt - fitted.RefittedAt} after the previous fit");
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
