using System.Text;
using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

/// <summary>What a careless or hostile batch gets: a 400 or 409 that names the item, field and bound, and nothing stored.</summary>
public sealed class IngestionBoundsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private Task<RawAnswer> PostAsync(string json) => service.Host.PostJsonRawAsync("/api/v1/events", json);

    private async Task AssertNothingStoredAsync(string theater) =>
        Assert.Empty(await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}"));

    [Fact]
    public async Task A_body_of_invalid_utf8_is_a_400_naming_the_byte()
    {
        var theater = ServiceFixture.NewTheater("utf8");
        var body = Encoding.UTF8.GetBytes($$"""[{"id": "X", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20"}]""");
        body[9] = 0xC3; // "X" becomes a lead byte followed by a quote: \xc3\x22
        (await service.Host.SendRawAsync(HttpMethod.Post, "/api/v1/events", body, "application/json")).IsProblem(400, "UTF-8", "byte 9");
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task A_key_repeated_in_an_object_is_refused()
    {
        var theater = ServiceFixture.NewTheater("dupkey");
        (await PostAsync($$"""{"id": "{{theater}}-1", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20", "severity": 1, "severity": 5}"""))
            .IsProblem(400, "severity");
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task An_incident_before_the_earliest_date_is_refused()
    {
        var theater = ServiceFixture.NewTheater("ancient");
        var answer = await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "0001-01-01"),
            new { id = $"{theater}-a", type = "anniversary", theaterId = theater, date = "1066-10-14", name = "Hastings" });
        Assert.Equal(400, answer.Status);
        var errors = answer.Body!["errors"]!.AsArray();
        Assert.Equal(["occurredAt", "date"], errors.Select(e => e!["field"]!.GetValue<string>()));
        Assert.All(errors, e => Assert.Contains("1900-01-01", e!["reason"]!.GetValue<string>()));
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task Five_thousand_broken_items_get_a_bounded_answer_with_the_total()
    {
        var theater = ServiceFixture.NewTheater("many");
        var items = Enumerable.Range(0, 5_000)
            .Select(i => new { id = $"{theater}-{i}", type = "incident", theaterId = theater, occurredAt = "2020-12-20", colour = "red" });
        var answer = await service.Host.PostEventsAsync(items.Cast<object>().ToArray());
        Assert.Equal(400, answer.Status);
        Assert.Equal(100, answer.Body!["errors"]!.AsArray().Count);
        Assert.Equal(5_000, answer.Body["errorCount"]!.GetValue<int>());
        Assert.Contains("5,000 of 5,000 items", answer.Body["detail"]!.GetValue<string>());
        Assert.Contains("the first 100 of 5,000 errors", answer.Body["detail"]!.GetValue<string>());
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task A_four_megabyte_id_is_quoted_by_a_short_prefix_only()
    {
        var theater = ServiceFixture.NewTheater("hugeid");
        var answer = await PostAsync($$"""{"id": "{{new string('x', 4 << 20)}}", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20"}""");
        answer.IsProblem(400, "'id'");
        Assert.True(answer.Text.Length < 2_000, $"{answer.Text.Length:N0} characters");
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task An_item_of_a_million_unknown_properties_is_answered_briefly()
    {
        var theater = ServiceFixture.NewTheater("wide");
        var json = new StringBuilder($$"""{"id": "{{theater}}-1", "type": "incident", "theaterId": "{{theater}}", "occurredAt": "2020-12-20" """);
        for (var i = 0; i < 1_000_000; i++) json.Append(",\"p").Append(i).Append("\":0");
        var answer = await PostAsync(json.Append('}').ToString());
        answer.IsProblem(400, "is not a field");
        Assert.Equal(1_000_000, answer.Body!["errorCount"]!.GetValue<int>());
        Assert.True(answer.Text.Length < 50_000, $"{answer.Text.Length:N0} characters");
        await AssertNothingStoredAsync(theater);
    }

    [Fact]
    public async Task A_theater_holds_at_most_its_channel_bound_whichever_way_channels_arrive()
    {
        var theater = ServiceFixture.NewTheater("channels");
        var ten = Enumerable.Range(0, 10).Select(c => Incident($"{theater}-{c}", theater, "2020-12-20", $"c{c}")).ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(ten)).Status);

        var eleventh = await service.Host.PostEventsAsync(Incident($"{theater}-x", theater, "2020-12-21", "c0"),
            Incident($"{theater}-y", theater, "2020-12-21", "c10"));
        Assert.Equal(400, eleventh.Status);
        var error = Assert.Single(eleventh.Body!["errors"]!.AsArray())!;
        Assert.Equal((1, "channel"), (error["index"]!.GetValue<int>(), error["field"]!.GetValue<string>()));
        Assert.Contains("Ingestion:MaxChannelsPerTheater", error["reason"]!.GetValue<string>());

        var described = await service.Host.SendRawAsync(HttpMethod.Put, $"/api/v1/theaters/{theater}",
            Encoding.UTF8.GetBytes("""{"name": "wide", "channels": ["c0", "new-one"]}"""), "application/json");
        described.IsProblem(400, "new-one", "Ingestion:MaxChannelsPerTheater");
        var tooLong = await service.Host.SendRawAsync(HttpMethod.Put, $"/api/v1/theaters/{ServiceFixture.NewTheater("list")}",
            Encoding.UTF8.GetBytes($"{{\"channels\": [{string.Join(",", Enumerable.Range(0, 101).Select(c => $"\"c{c}\""))}]}}"), "application/json");
        tooLong.IsProblem(400, "at most 100");

        Assert.Equal(10, (await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}")).Count);
    }

    [Fact]
    public async Task An_unknown_field_in_a_theater_description_is_refused()
    {
        var theater = ServiceFixture.NewTheater("typo");
        (await service.Host.SendRawAsync(HttpMethod.Put, $"/api/v1/theaters/{theater}",
            Encoding.UTF8.GetBytes("""{"name": "x", "chanels": ["a"]}"""), "application/json")).IsProblem(400, "chanels");
    }
}
