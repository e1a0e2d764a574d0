using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

/// <summary>
/// Scheduled events through <c>POST /api/v1/events</c>: registered with defaults, revised and cancelled by reference,
/// each correction once, every field checked against its bound, the effect families of a theater bounded, and the
/// history returning what was posted (JSON and CSV).
/// </summary>
public sealed class ScheduledEventsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static object Scheduled(string id, string theater, string date, string family = "deadline", object? extra = null) =>
        Merge(new { id, type = "scheduled-event", theaterId = theater, date, name = $"{family} {date}", family }, extra);

    private static JsonObject Merge(object item, object? extra)
    {
        var json = (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(item, System.Text.Json.JsonSerializerOptions.Web)!;
        if (extra is not null)
            foreach (var (key, value) in (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(extra, System.Text.Json.JsonSerializerOptions.Web)!)
                json[key] = value?.DeepClone();
        return json;
    }

    private async Task<JsonNode[]> EventsAsync(string theater) => (await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}")).ToArray();

    [Fact]
    public async Task A_scheduled_event_is_stored_with_its_defaults_then_revised_and_cancelled_once()
    {
        var theater = ServiceFixture.NewTheater("sched");
        var (status, body, _) = await service.Host.PostEventsAsync(
            Scheduled($"{theater}-s", theater, "2021-01-15", extra: new { announcedAt = "2020-11-17" }),
            Scheduled($"{theater}-e", theater, "2021-06-18", "election", new { daysBefore = 60, daysAfter = 0, recursYearly = true }));
        Assert.True(status == 200, body?.ToJsonString());
        var revised = new { id = $"{theater}-s-r", type = "scheduled-event-revised", theaterId = theater, scheduledEventId = $"{theater}-s", date = "2021-01-20", daysBefore = 30 };
        var cancelled = new { id = $"{theater}-e-c", type = "scheduled-event-cancelled", theaterId = theater, scheduledEventId = $"{theater}-e", occurredAt = "2021-05-01", reason = "postponed sine die" };
        Assert.Equal(200, (await service.Host.PostEventsAsync(revised, cancelled)).Status);
        // Re-sending the same is a no-op; a second cancellation or a revision of the cancelled one is a 409 naming the first.
        Assert.Equal(2, (await service.Host.PostEventsAsync(revised, cancelled)).Body!["duplicates"]!.GetValue<int>());
        var again = await service.Host.PostEventsAsync(
            new { id = $"{theater}-e-c2", type = "scheduled-event-cancelled", theaterId = theater, scheduledEventId = $"{theater}-e", occurredAt = "2021-05-02" });
        Assert.Equal(409, again.Status);
        Assert.Contains($"'{theater}-e-c' cancelled", again.Body!["errors"]![0]!["reason"]!.GetValue<string>());
        var late = await service.Host.PostEventsAsync(
            new { id = $"{theater}-e-r", type = "scheduled-event-revised", theaterId = theater, scheduledEventId = $"{theater}-e", name = "late" });
        Assert.Equal(409, late.Status);
        var unknown = await service.Host.PostEventsAsync(
            new { id = $"{theater}-x-r", type = "scheduled-event-revised", theaterId = theater, scheduledEventId = $"{theater}-nothing", name = "x" });
        Assert.Equal(400, unknown.Status);
        Assert.Equal("scheduledEventId", unknown.Body!["errors"]![0]!["field"]!.GetValue<string>());

        var items = await EventsAsync(theater);
        Assert.Equal(["scheduled-event", "scheduled-event", "scheduled-event-revised", "scheduled-event-cancelled"], items.Select(i => i["type"]!.GetValue<string>()));
        Assert.Equal((14, 7, false, "2020-11-17"), (items[0]["daysBefore"]!.GetValue<int>(), items[0]["daysAfter"]!.GetValue<int>(),
            items[0]["recursYearly"]!.GetValue<bool>(), items[0]["announcedAt"]!.GetValue<string>()));
        Assert.Equal((60, 0, true), (items[1]["daysBefore"]!.GetValue<int>(), items[1]["daysAfter"]!.GetValue<int>(), items[1]["recursYearly"]!.GetValue<bool>()));
        Assert.Equal("2021-01-20", items[2]["date"]!.GetValue<string>());
        var filtered = await service.Host.GetJsonAsync($"/api/v1/events?theaterId={theater}&type=scheduled-event&from=2021-01-01&to=2021-02-01");
        Assert.Equal($"{theater}-s", filtered["items"]!.AsArray().Single()!["id"]!.GetValue<string>());

        var client = service.Host.Server.CreateClient();
        var csv = (await client.GetStringAsync($"/api/v1/events?theaterId={theater}&format=csv", TestContext.Current.CancellationToken)).Split("\r\n");
        var header = csv[0].Split(',');
        var first = csv[1].Split(',');
        Assert.Equal("deadline", first[Array.IndexOf(header, "family")]);
        Assert.Equal("14", first[Array.IndexOf(header, "daysBefore")]);
        Assert.Equal($"{theater}-s", csv[3].Split(',')[Array.IndexOf(header, "scheduledEventId")]);
    }

    [Fact]
    public async Task Every_field_is_checked_against_its_bound()
    {
        var theater = ServiceFixture.NewTheater("sched-bad");
        var ahead = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3_700).ToString("yyyy-MM-dd");
        var (status, body, _) = await service.Host.PostEventsAsync(
            new { id = $"{theater}-1", type = "scheduled-event", theaterId = theater, date = "2021-01-15", family = "deadline" },
            Scheduled($"{theater}-2", theater, "1850-01-01"),
            Scheduled($"{theater}-3", theater, ahead),
            Scheduled($"{theater}-4", theater, "2021-01-15", "ceasefire"),
            Scheduled($"{theater}-5", theater, "2021-01-15", "Big Vote"),
            Scheduled($"{theater}-6", theater, "2021-01-15", extra: new { daysBefore = 366, daysAfter = -1, recursYearly = "yes" }),
            Scheduled($"{theater}-7", theater, "2021-01-15", extra: new { announcedAt = "2099-01-01", occurredAt = "2021-01-01" }),
            new { id = $"{theater}-8", type = "scheduled-event-cancelled", theaterId = theater, scheduledEventId = $"{theater}-1" });
        Assert.Equal(400, status);
        var errors = body!["errors"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["reason"]!.GetValue<string>())).ToArray();
        Assert.Contains(errors, e => e is (0, "name", _));
        Assert.Contains(errors, e => e is (1, "date", _) && e.Item3.Contains("1900-01-01"));
        Assert.Contains(errors, e => e is (2, "date", _) && e.Item3.Contains("Ingestion:MaxScheduledDaysAhead"));
        Assert.Contains(errors, e => e is (3, "family", _) && e.Item3.Contains("ceasefire"));
        Assert.Contains(errors, e => e is (4, "family", _));
        Assert.Contains(errors, e => e is (5, "daysBefore", _) && e.Item3.Contains("0 to 365"));
        Assert.Contains(errors, e => e is (5, "daysAfter", _));
        Assert.Contains(errors, e => e is (5, "recursYearly", _));
        Assert.Contains(errors, e => e is (6, "announcedAt", _) && e.Item3.Contains("future"));
        Assert.Contains(errors, e => e is (6, "occurredAt", _) && e.Item3.Contains("not a field"));
        Assert.Contains(errors, e => e is (7, "occurredAt", _));
        Assert.Empty(await EventsAsync(theater));
    }

    [Fact]
    public async Task A_theater_has_at_most_the_configured_number_of_effect_families()
    {
        var theater = ServiceFixture.NewTheater("families");
        var first = Enumerable.Range(0, 8).Select(k => Scheduled($"{theater}-{k}", theater, "2021-01-15", $"family-{k}")).ToArray();
        Assert.Equal(200, (await service.Host.PostEventsAsync(first)).Status);
        Assert.Equal(200, (await service.Host.PostEventsAsync(Scheduled($"{theater}-again", theater, "2022-01-15", "family-3"))).Status);
        var ninth = await service.Host.PostEventsAsync(Scheduled($"{theater}-9", theater, "2021-01-15", "one-too-many"));
        Assert.Equal(400, ninth.Status);
        var error = ninth.Body!["errors"]![0]!;
        Assert.Equal("family", error["field"]!.GetValue<string>());
        Assert.Contains("Ingestion:MaxEffectFamiliesPerTheater", error["reason"]!.GetValue<string>());
        Assert.Contains("family-0", error["reason"]!.GetValue<string>());
    }
}
