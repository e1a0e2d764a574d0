using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Forecasts.Risk;

/// <summary>
/// The risk answer on a theater drawn from a known self-exciting process with a past truce and a yearly
/// anniversary (two years of history, 2022-2023), fitted by the real engine on the real store.
/// </summary>
public sealed class GetRiskTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly DateOnly Start = new(2022, 1, 1);

    private static SyntheticTheater Theater(string name) => new(ServiceFixture.NewTheater(name), Start, 730)
    {
        Ceasefire = (new DateOnly(2022, 6, 1), new DateOnly(2022, 8, 15)),
        Anniversary = new DateOnly(2020, 3, 15),
    };

    private async Task<SyntheticTheater> PostAsync(SyntheticTheater theater, params object[] extra)
    {
        var (status, body, _) = await service.Host.PostEventsAsync([.. theater.Events(), .. extra]);
        Assert.True(status == 200, body?.ToJsonString());
        return theater;
    }

    /// <summary>When each of the theater's events was recorded, by id, as <c>GET /api/v1/events</c> answers.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> RecordedAtAsync(string theaterId) =>
        (await EventPages.ReadAllAsync(service.Host, $"theaterId={theaterId}"))
        .ToDictionary(e => e["id"]!.GetValue<string>(), e => e["recordedAt"]!.GetValue<DateTimeOffset>());

    private Task<JsonNode> RiskAsync(string theaterId, string query) =>
        service.Host.GetJsonAsync($"/api/v1/theaters/{theaterId}/risk?{query}");

    [Fact]
    public async Task An_answer_for_a_past_asOf_ignores_what_occurred_later_or_was_recorded_after_knownAt()
    {
        var theater = await PostAsync(Theater("past"));
        // knownAt: when the history was recorded, as the store has it; what is posted next is recorded after it.
        var knownAt = (await RecordedAtAsync(theater.TheaterId)).Values.Max();
        var query = $"asOf=2023-10-01T00:00:00Z&knownAt={Uri.EscapeDataString(knownAt.ToString("O"))}";
        var client = service.Host.Server.CreateClient();
        var before = await client.GetStringAsync($"/api/v1/theaters/{theater.TheaterId}/risk?{query}");

        var (status, _, _) = await service.Host.PostEventsAsync(
            HttpExtensions.Incident($"{theater.TheaterId}-later", theater.TheaterId, "2023-10-05T10:00:00Z"),
            HttpExtensions.Incident($"{theater.TheaterId}-late-news", theater.TheaterId, "2023-09-30T10:00:00Z"));
        Assert.Equal(200, status);
        var recorded = await RecordedAtAsync(theater.TheaterId);
        Assert.All(new[] { "-later", "-late-news" }, id => Assert.True(recorded[theater.TheaterId + id] > knownAt, $"{id} recorded at {knownAt} or before"));

        Assert.Equal(before, await client.GetStringAsync($"/api/v1/theaters/{theater.TheaterId}/risk?{query}"));
        // the late news does count once knownAt is now
        var now = await RiskAsync(theater.TheaterId, "asOf=2023-10-01T00:00:00Z");
        Assert.NotEqual(JsonNode.Parse(before)!["expectedEvents"]!.GetValue<double>(), now["expectedEvents"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_burst_of_incidents_raises_the_risk_and_the_drivers_name_them()
    {
        var theater = Theater("burst");
        var burst = Enumerable.Range(0, 25)
            .Select(i => HttpExtensions.Incident($"{theater.TheaterId}-burst{i}", theater.TheaterId, $"2024-01-01T{8 + i / 6:00}:{i % 6 * 10:00}:00Z"))
            .ToArray();
        await PostAsync(theater);
        var calm = await RiskAsync(theater.TheaterId, "asOf=2024-01-01T13:00:00Z");
        await PostAsync(theater, burst);
        var hot = await RiskAsync(theater.TheaterId, "asOf=2024-01-01T13:00:00Z");

        Assert.True(hot["expectedEvents"]!.GetValue<double>() > 1.5 * calm["expectedEvents"]!.GetValue<double>(), $"{calm} -> {hot}");
        Assert.True(hot["score"]!.GetValue<int>() > calm["score"]!.GetValue<int>());
        var named = hot["drivers"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "incident")
            .Select(d => d!["eventId"]!.GetValue<string>()).ToArray();
        Assert.NotEmpty(named);
        Assert.All(named, id => Assert.Contains("-burst", id));
    }

    [Fact]
    public async Task A_ceasefire_in_force_lowers_the_risk()
    {
        var open = await PostAsync(Theater("open"));
        var truce = Theater("truce");
        await PostAsync(truce, new { id = $"{truce.TheaterId}-cf2", type = "ceasefire-declared", theaterId = truce.TheaterId, occurredAt = "2023-12-30", name = "new truce", parties = Array.Empty<string>() });

        var without = await RiskAsync(open.TheaterId, "asOf=2024-01-02T00:00:00Z");
        var with = await RiskAsync(truce.TheaterId, "asOf=2024-01-02T00:00:00Z");

        Assert.True(with["expectedEvents"]!.GetValue<double>() < 0.8 * without["expectedEvents"]!.GetValue<double>(), $"{without} vs {with}");
        var ceasefire = with["drivers"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "ceasefire");
        Assert.Equal("new truce", ceasefire!["name"]!.GetValue<string>());
        Assert.True(ceasefire["multiplier"]!.GetValue<double>() < 1);
    }

    [Fact]
    public async Task An_approaching_anniversary_raises_the_risk()
    {
        var theater = await PostAsync(Theater("anniversary"));
        var quiet = await RiskAsync(theater.TheaterId, "asOf=2024-02-20T00:00:00Z");
        var approaching = await RiskAsync(theater.TheaterId, "asOf=2024-03-09T00:00:00Z");

        Assert.True(approaching["expectedEvents"]!.GetValue<double>() > 1.3 * quiet["expectedEvents"]!.GetValue<double>(), $"{quiet} vs {approaching}");
        var driver = approaching["drivers"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "anniversary");
        Assert.True(driver!["multiplier"]!.GetValue<double>() > 1);
        Assert.DoesNotContain(quiet["drivers"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "anniversary");
    }
}
