using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

public sealed class PostEventsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_valid_batch_is_stored_and_read_back_in_recorded_order()
    {
        var theater = ServiceFixture.NewTheater("post");
        var (status, body, _) = await service.Host.PostEventsAsync(
            Incident($"{theater}-1", theater, "2020-12-20", "militia", 3),
            new { id = $"{theater}-2", type = "incident", theaterId = theater, occurredAt = "2020-12-21T18:30:00+02:00",
                  category = "rocket", location = new { lat = 33.3, lon = 44.39, name = "Green Zone" }, fatalities = 1 },
            new { id = $"{theater}-c", type = "ceasefire-declared", theaterId = theater, occurredAt = "2020-10-10", parties = new[] { "militia" } },
            new { id = $"{theater}-a", type = "anniversary", theaterId = theater, date = "2020-01-03", name = "strike" });

        Assert.Equal(200, status);
        Assert.Equal(4, body!["appended"]!.GetValue<int>());
        Assert.Equal(0, body["duplicates"]!.GetValue<int>());

        var page = await service.Host.GetJsonAsync($"/api/v1/events?theaterId={theater}");
        var items = page["items"]!.AsArray();
        Assert.Equal([$"{theater}-1", $"{theater}-2", $"{theater}-c", $"{theater}-a"], items.Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(body["lastSequence"]!.GetValue<long>(), items[^1]!["sequence"]!.GetValue<long>());
        Assert.Equal("2020-12-20", items[0]!["occurredAt"]!.GetValue<string>());
        Assert.Equal("2020-12-21T16:30:00Z", items[1]!["occurredAt"]!.GetValue<string>());
        Assert.Equal("Green Zone", items[1]!["location"]!["name"]!.GetValue<string>());
        Assert.Equal("default", items[1]!["channel"]!.GetValue<string>());
        Assert.Equal(1, items[1]!["severity"]!.GetValue<int>());
        Assert.Equal(3, items[3]!["windowDays"]!.GetValue<int>());
        Assert.All(items, i => Assert.EndsWith("Z", i!["recordedAt"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_single_object_is_a_batch_of_one()
    {
        var theater = ServiceFixture.NewTheater("single");
        var (status, body, _) = await service.Host.PostEventsAsync(
            $$"""{"id":"{{theater}}-1","type":"incident","theaterId":"{{theater}}","occurredAt":"2021-02-15"}""");
        Assert.Equal(200, status);
        Assert.Equal(1, body!["appended"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_batch_lists_every_bad_item_and_stores_nothing()
    {
        var theater = ServiceFixture.NewTheater("invalid");
        var (status, body, contentType) = await service.Host.PostEventsAsync(
            Incident($"{theater}-ok", theater, "2020-12-20"),
            new { id = $"{theater}-1", type = "incidnt", theaterId = theater },
            new { id = $"{theater}-2", type = "incident", theaterId = "Not A Theater", occurredAt = "2020-13-45", severity = 9, colour = "red" },
            new { id = $"{theater}-3", type = "incident", theaterId = theater, occurredAt = "2099-01-01", location = new { lat = 91, lon = 0 } },
            new { id = $"{theater}-4", type = "ceasefire-ended", theaterId = theater, occurredAt = "2020-11-17", reason = "tired" },
            new { type = "anniversary", theaterId = theater, date = "Jan 3" });

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        var errors = body!["errors"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToHashSet();
        Assert.Contains((1, "type"), errors);
        Assert.Contains((2, "theaterId"), errors);
        Assert.Contains((2, "occurredAt"), errors);
        Assert.Contains((2, "severity"), errors);
        Assert.Contains((2, "colour"), errors);
        Assert.Contains((3, "occurredAt"), errors);
        Assert.Contains((3, "location.lat"), errors);
        Assert.Contains((4, "ceasefireId"), errors);
        Assert.Contains((4, "reason"), errors);
        Assert.Contains((5, "id"), errors);
        Assert.Contains((5, "date"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 0);
        Assert.Contains("nothing was stored", body["detail"]!.GetValue<string>());
        Assert.Equal($"{theater}-2", body["errors"]!.AsArray().First(e => e!["index"]!.GetValue<int>() == 2)!["id"]!.GetValue<string>());

        var page = await service.Host.GetJsonAsync($"/api/v1/events?theaterId={theater}");
        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_json_and_empty_batches_are_bad_requests()
    {
        Assert.Equal(400, (await service.Host.PostEventsAsync("[{\"id\": ")).Status);
        Assert.Equal(400, (await service.Host.PostEventsAsync("[]")).Status);
        Assert.Equal(400, (await service.Host.PostEventsAsync("[1, \"x\"]")).Status);
    }

    [Fact]
    public async Task References_must_name_a_stored_or_earlier_item_of_the_same_theater()
    {
        var theater = ServiceFixture.NewTheater("refs");
        var other = ServiceFixture.NewTheater("refs-other");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{other}-i", other, "2020-01-01"))).Status);

        var (status, body, _) = await service.Host.PostEventsAsync(
            new { id = $"{theater}-r1", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-later", occurredAt = "2020-01-02" },
            Incident($"{theater}-later", theater, "2020-01-01"),
            new { id = $"{theater}-r2", type = "incident-retracted", theaterId = theater, incidentId = $"{other}-i", occurredAt = "2020-01-02" },
            new { id = $"{theater}-e", type = "ceasefire-ended", theaterId = theater, ceasefireId = $"{theater}-later", occurredAt = "2020-01-02" });

        Assert.Equal(400, status);
        var errors = body!["errors"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToArray();
        Assert.Equal([(0, "incidentId"), (2, "incidentId"), (3, "ceasefireId")], errors);
        Assert.Empty((await service.Host.GetJsonAsync($"/api/v1/events?theaterId={theater}"))["items"]!.AsArray());

        var (ok, _, _) = await service.Host.PostEventsAsync(
            Incident($"{theater}-i", theater, "2020-01-01"),
            new { id = $"{theater}-r", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-i", occurredAt = "2020-01-03", severity = 4 });
        Assert.Equal(200, ok);
    }

    [Fact]
    public async Task Resending_an_id_is_a_no_op_and_other_content_under_it_is_a_conflict()
    {
        var theater = ServiceFixture.NewTheater("idem");
        var first = Incident($"{theater}-1", theater, "2020-12-20", "militia", 2);
        Assert.Equal(200, (await service.Host.PostEventsAsync(first)).Status);

        var (status, body, _) = await service.Host.PostEventsAsync(first, Incident($"{theater}-2", theater, "2020-12-21"));
        Assert.Equal(200, status);
        Assert.Equal(1, body!["appended"]!.GetValue<int>());
        Assert.Equal(1, body["duplicates"]!.GetValue<int>());

        var (conflict, problem, contentType) = await service.Host.PostEventsAsync(
            Incident($"{theater}-3", theater, "2020-12-22"), Incident($"{theater}-1", theater, "2020-12-20", "militia", 5));
        Assert.Equal(409, conflict);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal($"{theater}-1", problem!["errors"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, problem["errors"]![0]!["index"]!.GetValue<int>());

        var ids = (await service.Host.GetJsonAsync($"/api/v1/events?theaterId={theater}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
        Assert.Equal([$"{theater}-1", $"{theater}-2"], ids);
    }

    [Fact]
    public async Task More_than_ten_thousand_items_is_too_large()
    {
        var theater = ServiceFixture.NewTheater("large");
        var items = Enumerable.Range(0, 10_001).Select(i => Incident($"{theater}-{i}", theater, "2020-01-01")).ToArray();
        var (status, body, contentType) = await service.Host.PostEventsAsync(items);
        Assert.Equal(413, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("10,000", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ten_thousand_item_batch_is_stored_whole()
    {
        var theater = ServiceFixture.NewTheater("bulk");
        var items = Enumerable.Range(0, 10_000)
            .Select(i => Incident($"{theater}-{i}", theater, DateOnly.FromDayNumber(737_000 + i / 40).ToString("yyyy-MM-dd"), i % 3 == 0 ? "us" : "militia", 1 + i % 5))
            .ToArray();
        var (status, body, _) = await service.Host.PostEventsAsync(items);
        Assert.Equal(200, status);
        Assert.Equal(10_000, body!["appended"]!.GetValue<int>());

        var seen = await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}");
        Assert.Equal(10_000, seen.Count);
        Assert.Equal(10_000, seen.Select(i => i["id"]!.GetValue<string>()).Distinct().Count());
    }
}
