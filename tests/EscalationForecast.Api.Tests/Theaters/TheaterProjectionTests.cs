using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Theaters;

public sealed class TheaterProjectionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private async Task<Dictionary<string, int>> CountsAsync(string theater, string query = "")
    {
        var page = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/series?from=2020-12-18&to=2020-12-26{query}");
        return page["items"]!.AsArray().ToDictionary(i => i!["date"]!.GetValue<string>(), i => i!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Daily_series_counts_incidents_and_a_revision_moves_one_and_a_retraction_removes_one()
    {
        var theater = ServiceFixture.NewTheater("series");
        await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2020-12-20", "militia", 3),
            Incident($"{theater}-2", theater, "2020-12-20T09:00:00Z", "us", 2),
            Incident($"{theater}-3", theater, "2020-12-22", "militia", 1));
        await service.CatchUpAsync();
        var before = await CountsAsync(theater);
        Assert.Equal(2, before["2020-12-20"]);
        Assert.Equal(1, before["2020-12-22"]);
        Assert.Equal(0, before["2020-12-21"]);
        Assert.Equal(9, before.Count);
        var knownBeforeCorrections = DateTimeOffset.UtcNow;

        await service.Host.PostEventsAsync(
            new { id = $"{theater}-r", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2020-12-24", severity = 5 },
            new { id = $"{theater}-x", type = "incident-retracted", theaterId = theater, incidentId = $"{theater}-3", occurredAt = "2020-12-23" });
        await service.CatchUpAsync();
        var after = await CountsAsync(theater);
        Assert.Equal(1, after["2020-12-20"]);
        Assert.Equal(0, after["2020-12-22"]);
        Assert.Equal(1, after["2020-12-24"]);

        var militia = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/series?from=2020-12-24&to=2020-12-24&channel=militia");
        Assert.Equal(5, militia["items"]![0]!["severity"]!.GetValue<int>());

        // As known before the corrections, the series is what it was.
        Assert.Equal(before, await CountsAsync(theater, $"&knownAt={knownBeforeCorrections:O}".Replace("+", "%2B")));
    }

    [Fact]
    public async Task The_theater_list_shows_each_theater_with_its_counts_and_description()
    {
        var theater = ServiceFixture.NewTheater("list");
        await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2021-02-15", "militia"),
            Incident($"{theater}-2", theater, "2021-02-20", "us"),
            new { id = $"{theater}-x", type = "incident-retracted", theaterId = theater, incidentId = $"{theater}-2", occurredAt = "2021-02-21" });
        var client = service.Host.Server.CreateClient();
        var put = await client.PutAsync($"/api/v1/theaters/{theater}", JsonContent(new { name = "Militias vs US forces", description = "Iraq", channels = new[] { "militia", "us" } }));
        Assert.Equal(200, (int)put.StatusCode);
        await service.CatchUpAsync();

        var list = await service.Host.GetJsonAsync("/api/v1/theaters");
        var item = list["items"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == theater)!;
        Assert.Equal("Militias vs US forces", item["name"]!.GetValue<string>());
        Assert.Equal(1, item["incidentCount"]!.GetValue<int>());
        Assert.Equal(4, item["eventCount"]!.GetValue<int>());
        Assert.Equal(["militia", "us"], item["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_theater_is_not_found_and_a_bad_query_is_a_bad_request()
    {
        await service.Host.GetJsonAsync("/api/v1/theaters/nowhere/series", 404);
        var theater = ServiceFixture.NewTheater("badq");
        await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2021-02-15"));
        await service.CatchUpAsync();
        var problem = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/series?from=yesterday", 400);
        Assert.Contains("'from'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replaying_rebuilds_the_same_projections_from_the_events()
    {
        var theater = ServiceFixture.NewTheater("replay");
        await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2020-12-20"), Incident($"{theater}-2", theater, "2020-12-21"),
            new { id = $"{theater}-r", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2020-12-23" });
        await service.CatchUpAsync();
        var before = await CountsAsync(theater);

        var client = service.Host.Server.CreateClient();
        Assert.Equal(202, (int)(await client.PostEmptyAsync("/api/v1/admin/replay")).StatusCode);
        var status = await Eventually.UntilAsync(() => service.Host.GetJsonAsync("/api/v1/admin/replay"),
            s => s["state"]!.GetValue<string>() != "running", TimeSpan.FromSeconds(60), "the replay finishing");

        Assert.Equal("completed", status["state"]!.GetValue<string>());
        Assert.Equal(status["total"]!.GetValue<long>(), status["processed"]!.GetValue<long>());
        await service.CatchUpAsync();
        Assert.Equal(before, await CountsAsync(theater));
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json");
}
