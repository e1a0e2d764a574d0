using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Api.Events;
using Npgsql;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

public sealed class EventAppenderTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Concurrent_overlapping_batches_store_every_event_exactly_once()
    {
        var theater = ServiceFixture.NewTheater("race");
        object Item(int i) => Incident($"{theater}-{i}", theater, DateOnly.FromDayNumber(737_000 + i / 25).ToString("yyyy-MM-dd"));

        // Four clients, each posting 1,500-item batches that overlap their neighbours' by half.
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var results = new List<(int Status, int Appended, int Duplicates)>();
            for (var round = 0; round < 3; round++)
            {
                var start = c * 750 + round * 1000;
                var (status, body, _) = await service.Host.PostEventsAsync(Enumerable.Range(start, 1500).Select(Item).ToArray());
                Assert.True(status == 200, body?.ToJsonString());
                results.Add((status, body!["appended"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
            }
            return results;
        })).ToArray();
        var all = (await Task.WhenAll(clients)).SelectMany(r => r).ToList();

        Assert.All(all, r => Assert.Equal(200, r.Status));
        Assert.All(all, r => Assert.Equal(1500, r.Appended + r.Duplicates));
        var distinct = Enumerable.Range(0, 4).SelectMany(c => Enumerable.Range(0, 3).SelectMany(round => Enumerable.Range(c * 750 + round * 1000, 1500))).Distinct().Count();
        Assert.Equal(distinct, all.Sum(r => r.Appended));

        Assert.Equal((distinct, distinct), await StoredAsync(theater));
    }

    [Fact]
    public async Task Concurrent_batches_of_two_theaters_sharing_ids_store_each_id_once()
    {
        var first = ServiceFixture.NewTheater("claim-a");
        var second = ServiceFixture.NewTheater("claim-b");
        var prefix = Guid.NewGuid().ToString("N");
        object[] Items(string theater, int from) =>
            Enumerable.Range(from, 1000).Select(i => Incident($"{prefix}-{i}", theater, "2021-01-05")).ToArray();

        for (var round = 0; round < 3; round++)
        {
            var ids = round * 10_000;
            var posts = await Task.WhenAll(
                Task.Run(() => service.Host.PostEventsAsync(Items(first, ids))),
                Task.Run(() => service.Host.PostEventsAsync(Items(second, ids + 500))));

            // Whichever commits first owns the shared ids; the other re-uses them with other content (its theater).
            Assert.Equal([200, 409], posts.Select(p => p.Status).Order());
            var stored = posts.Single(p => p.Status == 200).Body!;
            Assert.Equal(1000, stored["appended"]!.GetValue<int>());
        }

        Assert.Equal((3000, 3000), await StoredAsync(first, second));
    }

    [Fact]
    public async Task Marten_reads_appended_events_as_its_own_and_appends_after_them()
    {
        var theater = ServiceFixture.NewTheater("rows");
        var (status, body, _) = await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2021-01-01", "militia", severity: 3),
            new { id = $"{theater}-c", type = "ceasefire-declared", theaterId = theater, occurredAt = "2021-01-02" },
            new { id = $"{theater}-r", type = "incident-retracted", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2021-01-03" });
        Assert.Equal(200, status);
        var client = service.Host.Server.CreateClient();
        var put = await client.PutAsync($"/api/v1/theaters/{theater}",
            new StringContent("""{ "name": "Rows" }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)put.StatusCode);

        await using var session = service.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(theater);
        Assert.Equal([typeof(IncidentReported), typeof(CeasefireDeclared), typeof(IncidentRetracted), typeof(TheaterDescribed)],
            events.Select(e => e.EventType));
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Version));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.Equal(body!["lastSequence"]!.GetValue<long>(), events[2].Sequence);
        var incident = Assert.IsType<IncidentReported>(events[0].Data);
        Assert.Equal((3, "militia"), (incident.Severity, incident.Channel));
        Assert.Equal(4, (await session.Events.FetchStreamStateAsync(theater))!.Version);
    }

    [Fact]
    public async Task The_service_uses_the_configured_database()
    {
        var dataSource = (NpgsqlDataSource)service.Host.Services.GetService(typeof(NpgsqlDataSource))!;
        Assert.Equal(new NpgsqlConnectionStringBuilder(service.ConnectionString).Database,
            new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);
    }

    /// <summary>How many events the theaters' streams hold, and how many distinct ids among them.</summary>
    private async Task<(int Events, int Ids)> StoredAsync(params string[] theaters)
    {
        await using var session = service.Store.QuerySession();
        var events = new List<ITheaterEvent>();
        foreach (var theater in theaters)
        {
            events.AddRange((await session.Events.FetchStreamAsync(theater)).Select(e => (ITheaterEvent)e.Data));
        }
        return (events.Count, events.Select(e => e.Id).Distinct().Count());
    }
}
