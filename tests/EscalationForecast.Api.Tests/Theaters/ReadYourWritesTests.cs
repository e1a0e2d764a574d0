using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Theaters;

public sealed class ShortConsistencyWaitFixture : ServiceFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Consistency:MaxWaitSeconds"] = "3";
        settings["Consistency:ImplicitWaitSeconds"] = "60"; // the wait is what is tested, not how soon a busy machine projects
    }
}

/// <summary>Once a write is answered, this node's reads include it, and another node's reader can ask for the same.</summary>
public sealed class ReadYourWritesTests(ShortConsistencyWaitFixture service) : IClassFixture<ShortConsistencyWaitFixture>
{
    [Fact]
    public async Task The_theater_list_and_series_include_a_batch_as_soon_as_it_is_answered()
    {
        for (var round = 0; round < 5; round++)
        {
            var theater = ServiceFixture.NewTheater("ryw");
            var written = await service.Host.PostJsonRawAsync("/api/v1/events",
                System.Text.Json.JsonSerializer.Serialize(new[] { Incident($"{theater}-1", theater, "2020-12-20"), Incident($"{theater}-2", theater, "2020-12-20") }));
            Assert.Equal(200, written.Status);
            Assert.Equal($"minSequence={written.Body!["lastSequence"]}", written.Response.Headers.GetValues("X-Read-After").Single());

            var series = await service.Host.GetJsonAsync($"/api/v1/theaters/{theater}/series?from=2020-12-20&to=2020-12-20&asOf=2021-01-01");
            Assert.Equal(2, series["items"]![0]!["count"]!.GetValue<int>()); // from this node's history
            // The list comes from the projection: it waits for it to take in the batch this node answered.
            var list = await service.Host.GetJsonAsync("/api/v1/theaters");
            Assert.Contains(list["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == theater);
        }
    }

    [Fact]
    public async Task A_min_sequence_the_projection_cannot_reach_in_time_is_a_503_with_retry_after()
    {
        var answer = await service.Host.GetRawAsync("/api/v1/theaters?minSequence=999999999");
        answer.IsProblem(503, "999,999,999");
        Assert.Equal("1", answer.Response.Headers.RetryAfter!.ToString());
    }
}
