using EscalationForecast.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationForecast.Api.Tests.Http;

/// <summary>A clock that fails on demand: a server error nobody planned, to see how it is answered.</summary>
public sealed class FailingClock : TimeProvider
{
    public volatile bool Failing;

    public override DateTimeOffset GetUtcNow() =>
        Failing ? throw new InvalidOperationException("internal detail: connection to db-7.internal:5432 lost") : base.GetUtcNow();
}

public sealed class FailingClockFixture : ServiceFixture
{
    public FailingClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class ErrorAnswersTests(FailingClockFixture service) : IClassFixture<FailingClockFixture>
{
    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_are_problems_that_say_what_exists()
    {
        (await service.Host.GetRawAsync("/api/v1/nothing-here")).IsProblem(404, "/api/v1/nothing-here", "/openapi/v1.json");
        var wrong = await service.Host.SendRawAsync(HttpMethod.Delete, "/api/v1/events");
        wrong.IsProblem(405, "DELETE", "GET", "POST");
    }

    [Fact]
    public async Task A_server_error_is_a_problem_with_a_trace_id_and_no_internals()
    {
        service.Clock.Failing = true;
        RawAnswer answer;
        try
        {
            answer = await service.Host.GetRawAsync("/api/v1/theaters/anything/model?asOf=2020-01-01");
        }
        finally
        {
            service.Clock.Failing = false;
        }
        answer.IsProblem(500, "traceId");
        Assert.False(string.IsNullOrEmpty(answer.Body!["traceId"]?.GetValue<string>()));
        Assert.DoesNotContain("db-7", answer.Text);
        Assert.DoesNotContain("InvalidOperationException", answer.Text);
    }

    [Theory]
    [InlineData("/api/v1/events?to=9999-12-31", "'to'", "1900-01-01")]
    [InlineData("/api/v1/events?from=0001-01-01", "'from'", "2200-01-01")]
    [InlineData("/api/v1/events?limit=100000", "'limit'", "1000")]
    [InlineData("/api/v1/events?afterSequence=-1", "'afterSequence'")]
    [InlineData("/api/v1/events?theaterId=NOT%20A%20NAME", "'theaterId'")]
    [InlineData("/api/v1/theaters/t/series?asOf=0001-01-01", "'asOf'", "1900-01-01")]
    [InlineData("/api/v1/theaters/t/series?channel=..%2F..", "'channel'")]
    [InlineData("/api/v1/theaters/t/backtest?to=0001-01-01", "'to'")]
    [InlineData("/api/v1/theaters/t/risk?knownAt=2999-01-01", "'knownAt'")]
    [InlineData("/api/v1/theaters/t/risk?horizonDays=0", "'horizonDays'", "1 to 90")]
    [InlineData("/api/v1/theaters/t/risk?atLeast=1,x", "'atLeast'")]
    [InlineData("/api/v1/theaters/t/model?asOf=2020-13-45", "'asOf'")]
    [InlineData("/api/v1/theaters/Not_Valid!/risk", "theater id")]
    public async Task Every_query_value_out_of_range_is_a_400_naming_the_parameter(string url, params string[] fragments) =>
        (await service.Host.GetRawAsync(url)).IsProblem(400, fragments);

    [Fact]
    public async Task A_path_id_of_four_megabytes_is_refused_with_a_short_answer()
    {
        var id = new string('a', 10_000);
        var answer = await service.Host.GetRawAsync($"/api/v1/alert-rules/{id}");
        answer.IsProblem(400, "at most 128");
        Assert.True(answer.Text.Length < 1_000, answer.Text.Length.ToString());
    }
}
