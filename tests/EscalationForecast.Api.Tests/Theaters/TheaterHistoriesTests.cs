using EscalationForecast.Api.Events;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Api.Events.Folding;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Theaters;

/// <summary>
/// The in-memory theater streams, extended by this node's own commits and by reads of the store, always equal the
/// stream folded afresh from the database: for the present and for an earlier knownAt.
/// </summary>
public sealed class TheaterHistoriesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Histories_kept_in_memory_equal_the_stream_folded_from_the_store()
    {
        var theater = ServiceFixture.NewTheater("kept");
        var histories = service.Host.Services.GetRequiredService<TheaterHistories>();
        string Day(int i) => DateOnly.FromDayNumber(737_000 + i % 40).ToString("yyyy-MM-dd");
        await service.Host.PostEventsAsync(Enumerable.Range(0, 300).Select(i => Incident($"{theater}-{i}", theater, Day(i * 7))).ToArray());
        Assert.NotNull(await histories.LoadAsync(theater, DateTimeOffset.MaxValue, CancellationToken.None)); // held from now on

        // A batch, an incident written by another writer (here Marten's own append), another batch, then a read:
        // the read takes the two batches this node committed and fetches only the incident between them.
        await service.Host.PostEventsAsync(Enumerable.Range(300, 50).Select(i => Incident($"{theater}-{i}", theater, Day(i))).ToArray());
        await using (var other = service.Store.LightweightSession())
        {
            other.Events.Append(theater, new IncidentReported($"{theater}-other", theater, new Occurrence(new DateTimeOffset(2018, 12, 1, 0, 0, 0, TimeSpan.Zero), true),
                "a", 2, null, null, null, null, null, DateTimeOffset.UtcNow));
            await other.SaveChangesAsync();
        }
        await service.Host.PostEventsAsync(Enumerable.Range(350, 50).Select(i => Incident($"{theater}-{i}", theater, Day(i))).ToArray());
        Assert.Contains($"{theater}-other", (await histories.LoadAsync(theater, DateTimeOffset.MaxValue, CancellationToken.None))!.Incidents.Keys);

        // Three writers at once: new incidents (out of time order), revisions that move earlier ones, retractions,
        // and a description (written with Marten's own append) between them.
        DateTimeOffset middle = default;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var round = 0; round < 4; round++)
            {
                var start = 1_000 + (w * 4 + round) * 200;
                var items = Enumerable.Range(start, 200).Select(i => Incident($"{theater}-{i}", theater, Day(i * 13), i % 3 == 0 ? "b" : "a")).ToList<object>();
                items.Add(new { id = $"{theater}-rev-{w}-{round}", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-{w * 40 + round}", occurredAt = Day(w + round + 20) });
                items.Add(new { id = $"{theater}-ret-{w}-{round}", type = "incident-retracted", theaterId = theater, incidentId = $"{theater}-{150 + w * 40 + round}", occurredAt = Day(1) });
                var (status, body, _) = await service.Host.PostEventsAsync(items.ToArray());
                Assert.True(status == 200, body?.ToJsonString());
                if (w == 1 && round == 1) middle = DateTimeOffset.UtcNow;
                if (w == 2 && round == 2)
                {
                    await service.Host.Scenario(s =>
                    {
                        s.Put.Json(new { name = "Kept", channels = new[] { "a", "b" } }).ToUrl($"/api/v1/theaters/{theater}");
                        s.StatusCodeShouldBeOk();
                    });
                }
                await histories.LoadAsync(theater, DateTimeOffset.MaxValue, CancellationToken.None); // reads between commits
            }
        })).ToArray();
        await Task.WhenAll(writers);

        await using var query = service.Store.QuerySession();
        var stored = (await query.Events.FetchStreamAsync(theater)).Select(e => e.Data).OfType<ITheaterEvent>().ToArray();
        Assert.Equal(300 + 101 + 12 * 202 + 1, stored.Length);
        AssertSame(TheaterHistory.Fold(theater, stored), await histories.LoadAsync(theater, DateTimeOffset.MaxValue, CancellationToken.None));
        AssertSame(TheaterHistory.Fold(theater, stored.Where(e => e.RecordedAt <= middle)), await histories.LoadAsync(theater, middle, CancellationToken.None));
    }

    private static void AssertSame(TheaterHistory expected, TheaterHistory? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Ordered, actual.Ordered);
        Assert.Equal(expected.Ceasefires, actual.Ceasefires);
        Assert.Contains(actual.Incidents.Values, i => i.Retracted);
    }
}
