using System.Net;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Hawkes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Forecasts.Lifecycle;

/// <summary>
/// The engine fails whenever it is handed more than <see cref="FailAbove"/> incidents: the lifecycle must record
/// the failure and keep serving the previous model.
/// </summary>
public sealed class FailingFitsService : ServiceFixture
{
    public const int FailAbove = 12_000;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<FitEngine>((history, covariates, options) => history.Times.Length > FailAbove
            ? throw new InvalidOperationException("the optimiser diverged")
            : HawkesFitter.Fit(history, covariates, options));
}

public sealed class RefitTheaterTests(FailingFitsService service) : IClassFixture<FailingFitsService>
{
    private async Task<IReadOnlyList<object>> ModelEventsAsync(string theaterId)
    {
        await using var session = service.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(ModelStreams.Of(theaterId))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task An_import_of_10000_events_causes_one_refit_and_a_failed_refit_keeps_the_previous_model()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("import"), new DateOnly(2021, 1, 1), 900) { BaselinePerDay = 6.5 };
        var events = theater.Events().Take(10_000).ToArray();
        var (status, body, _) = await service.Host.PostEventsAsync(events);
        Assert.True(status == 200, body?.ToJsonString());

        var first = await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null);
        await service.CatchUpAsync();
        // A second refit, as another trigger of the same data (a late batch's, the daily one's) would ask: it records nothing.
        await service.Host.InvokeMessageAndWaitAsync(new RefitTheater(theater.TheaterId), 180_000); // a bound for a busy machine, not an expected time
        var fitted = Assert.Single(await ModelEventsAsync(theater.TheaterId));
        Assert.Equal(10_000, Assert.IsType<ModelFitted>(fitted).EventsUsed);

        // The next batch takes the theater past what the engine can fit: the failure is recorded, the old model serves.
        var more = Enumerable.Range(0, 2_500).Select(i => HttpExtensions.Incident($"{theater.TheaterId}-more{i}", theater.TheaterId,
            theater.End.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))).ToArray();
        (status, body, _) = await service.Host.PostEventsAsync(more);
        Assert.True(status == 200, body?.ToJsonString());
        var failed = await service.WaitForModelAsync(theater.TheaterId, m => m.LastFailure is not null);
        Assert.Equal(first.Current!.DataKey, failed.Current!.DataKey);
        Assert.Contains("diverged", failed.LastFailure!.Reason);

        var model = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater.TheaterId}/model");
        Assert.Equal(10_000, model["eventsUsed"]!.GetValue<int>());
        Assert.Contains("diverged", model["lastFailure"]!["reason"]!.GetValue<string>());
        var risk = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater.TheaterId}/risk");
        Assert.Equal(10_000, risk["model"]!["eventsUsed"]!.GetValue<int>());
        Assert.IsType<ModelFitFailed>((await ModelEventsAsync(theater.TheaterId))[^1]);
    }

    [Fact]
    public async Task The_live_answer_carries_an_etag_and_answers_304_when_it_has_not_changed()
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater("live"), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-200), 199);
        var (status, _, _) = await service.Host.PostEventsAsync([.. theater.Events()]);
        Assert.Equal(200, status);
        var model = await service.WaitForModelAsync(theater.TheaterId, m => m.Current is not null);
        var client = service.Host.Server.CreateClient();
        await Eventually.UntilAsync(async () => // until the live board has taken up the recorded model
        {
            var live = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater.TheaterId}/risk");
            return live["model"]!["fittedAt"]!.GetValue<DateTimeOffset>() == model.Current!.FittedAt;
        }, TimeSpan.FromSeconds(30), $"the live answer of {theater.TheaterId} from the recorded model");

        // The board refreshes every answer once a minute: a refresh may fall between two requests, so try a few pairs.
        var notModified = false;
        for (var attempt = 0; attempt < 3 && !notModified; attempt++)
        {
            using var first = await client.GetAsync($"/api/v1/theaters/{theater.TheaterId}/risk");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("max-age", first.Headers.CacheControl!.ToString());
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/theaters/{theater.TheaterId}/risk");
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var second = await client.SendAsync(request);
            notModified = second.StatusCode == HttpStatusCode.NotModified;
        }
        Assert.True(notModified, "an unchanged answer asked with its ETag must be a 304");

        var list = await service.Host.GetJsonAsync("/api/v1/theaters");
        var row = list["items"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == theater.TheaterId)!;
        Assert.Contains(row["riskLevel"]!.GetValue<string>(), new[] { "low", "elevated", "high", "severe" });
        Assert.InRange(row["probabilityAtLeastOne"]!.GetValue<double>(), 0.5, 1);

        var series = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater.TheaterId}/series");
        var items = series["items"]!.AsArray();
        var counted = items.Sum(i => i!["count"]!.GetValue<int>());
        var expected = items.Sum(i => i!["intensity"]!.GetValue<double>());
        Assert.InRange(expected, 0.8 * counted, 1.2 * counted); // a fitted model expects about what happened
    }
}
