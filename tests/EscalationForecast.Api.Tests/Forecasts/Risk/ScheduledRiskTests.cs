using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Forecasts.Risk;

/// <summary>
/// Scheduled events and uncertain attribution in the risk and model answers, on theaters drawn from a known process:
/// two years with a deadline every quarter that raises the background over the two weeks before it (×4 on the day),
/// then a deadline ahead; and a dyad with an incident of uncertain author.
/// </summary>
public sealed class ScheduledRiskTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly DateOnly Start = new(2022, 1, 1);

    private static SyntheticTheater Theater(string name) => new(ServiceFixture.NewTheater(name), Start, 730)
    {
        Deadlines = Enumerable.Range(0, 8).Select(k => Start.AddDays(60 + 90 * k)).ToArray(),
        BaselinePerDay = 1.0,
    };

    /// <summary>The deadline ahead: 2024-01-11, announced on 2023-12-01.</summary>
    private static object Ahead(string theater) => new
    {
        id = $"{theater}-ahead", type = "scheduled-event", theaterId = theater, date = "2024-01-11", name = "final round",
        family = "deadline", daysBefore = 14, daysAfter = 3, announcedAt = "2023-12-01",
    };

    private async Task<string> PostAsync(SyntheticTheater theater, params object[] extra)
    {
        var (status, body, _) = await service.Host.PostEventsAsync([.. theater.Events(), .. extra]);
        Assert.True(status == 200, body?.ToJsonString());
        return theater.TheaterId;
    }

    private Task<JsonNode> RiskAsync(string theaterId, string query) => service.Host.GetJsonAsync($"/api/v1/theaters/{theaterId}/risk?{query}");

    private static JsonNode? Deadline(JsonNode risk) =>
        risk["drivers"]!.AsArray().SingleOrDefault(d => d!["kind"]!.GetValue<string>() == "scheduled-event" && d["name"]!.GetValue<string>() == "final round");

    [Fact]
    public async Task A_deadline_ahead_is_a_driver_with_its_ramp_and_its_family_is_fitted_with_a_standard_error()
    {
        var theater = await PostAsync(Theater("deadline"));
        Assert.Equal(200, (await service.Host.PostEventsAsync(Ahead(theater))).Status);

        var model = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/model?asOf=2024-01-02T00:00:00Z");
        var effect = model["effects"]!["deadline"]!;
        Assert.InRange(effect["multiplier"]!.GetValue<double>(), 2.5, 6.5);
        Assert.InRange(effect["standardError"]!.GetValue<double>(), 0.05, 3);
        Assert.Null(model["dayCountEffects"]); // incidents known to the minute: no day-count model

        var risk = await RiskAsync(theater, "asOf=2024-01-02T00:00:00Z");
        var driver = Deadline(risk)!;
        Assert.Equal(("final round", "deadline", "2024-01-11", 9), (driver["name"]!.GetValue<string>(), driver["family"]!.GetValue<string>(),
            driver["date"]!.GetValue<string>(), driver["daysUntil"]!.GetValue<int>()));
        var now = driver["multiplier"]!.GetValue<double>();
        var peak = driver["peakMultiplier"]!.GetValue<double>();
        Assert.Equal(effect["multiplier"]!.GetValue<double>(), peak, 5);
        Assert.Equal(Math.Pow(peak, 1 - 9 / 15.0), now, 4); // 9 days before on a 14-day ramp: x = 1 − 9/15
        Assert.True(driver["standardError"]!.GetValue<double>() > 0);

        // Cancelled on 2023-12-20 (known by the asOf): the driver is gone and the forecast lower.
        Assert.Equal(200, (await service.Host.PostEventsAsync(new
        {
            id = $"{theater}-ahead-off", type = "scheduled-event-cancelled", theaterId = theater, scheduledEventId = $"{theater}-ahead", occurredAt = "2023-12-20",
        })).Status);
        var after = await RiskAsync(theater, "asOf=2024-01-02T00:00:00Z");
        Assert.Null(Deadline(after));
        Assert.True(after["expectedEvents"]!.GetValue<double>() < risk["expectedEvents"]!.GetValue<double>(), $"{risk} vs {after}");
    }

    [Fact]
    public async Task A_forecast_before_the_announcement_does_not_see_the_date()
    {
        var theater = await PostAsync(Theater("announced"));
        Assert.Equal(200, (await service.Host.PostEventsAsync(Ahead(theater))).Status);
        var before = await RiskAsync(theater, "asOf=2023-11-25T00:00:00Z&horizonDays=60");
        var known = await RiskAsync(theater, "asOf=2023-12-03T00:00:00Z&horizonDays=60");
        Assert.Null(Deadline(before));
        Assert.Equal(39, Deadline(known)!["daysUntil"]!.GetValue<int>());
        Assert.Equal(Deadline(known)!["peakMultiplier"]!.GetValue<double>(), Deadline(known)!["multiplier"]!.GetValue<double>()); // the ramp still ahead
    }

    [Fact]
    public async Task An_incident_of_uncertain_author_drives_the_risk_by_its_expected_contribution()
    {
        var theater = ServiceFixture.NewTheater("uncertain");
        var items = new List<object>();
        var random = new Random(3);
        for (var day = 0; day < 200; day++)
        {
            foreach (var channel in new[] { "militia", "us" })
                if (random.NextDouble() < (channel == "us" ? 0.25 : 0.5))
                    items.Add(new { id = $"{theater}-{day}-{channel}", type = "incident", theaterId = theater, channel,
                        occurredAt = Start.AddDays(day).ToDateTime(new TimeOnly(random.Next(24), 0)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });
        }
        var attribution = new[] { new { channel = "militia", probability = 0.7 }, new { channel = "us", probability = 0.3 } };
        items.Add(new { id = $"{theater}-denied", type = "incident", theaterId = theater, occurredAt = "2022-07-20T12:00:00Z", attribution, deniedBy = "everyone" });
        var (status, body, _) = await service.Host.PostEventsAsync(items.ToArray());
        Assert.True(status == 200, body?.ToJsonString());

        var risk = await RiskAsync(theater, "asOf=2022-07-20T13:00:00Z");
        var driver = risk["drivers"]!.AsArray().Single(d => d!["eventId"]?.GetValue<string>() == $"{theater}-denied")!;
        Assert.Equal("militia", driver["channel"]!.GetValue<string>());
        Assert.Equal([0.7, 0.3], driver["attribution"]!.AsArray().Select(a => a!["probability"]!.GetValue<double>()));
        // The expected contribution: 0.7 of what a militia incident adds and 0.3 of what a US one adds, from the fitted α.
        var model = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/model?asOf=2022-07-20T13:00:00Z");
        double Column(string source) => model["channels"]!.AsArray().Sum(c => c!["excitedBy"]![source]!.GetValue<double>());
        var beta = Math.Log(2) / model["decayHalfLifeDays"]!.GetValue<double>();
        var kernel = beta * Math.Exp(-beta / 24);
        Assert.Equal((0.7 * Column("militia") + 0.3 * Column("us")) * kernel, driver["contributionPerDay"]!.GetValue<double>(), 4);
    }
}
