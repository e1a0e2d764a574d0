using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Http;

public class ClientTests
{
    [Fact]
    public async Task A_refused_batch_throws_with_the_problems_status_detail_and_item_errors()
    {
        await using var server = await EventsTestServer.StartAsync();
        using var client = new EscalationForecastClient(server.BaseAddress);
        var e = await Assert.ThrowsAsync<ForecastApiException>(() => client.AppendAsync(
            [new() { Id = "ok", Type = "incident", TheaterId = "t", OccurredAt = "2020-01-01" },
             new() { Id = "bad", Type = "incident", TheaterId = "t" }], TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal((400, "1 item(s) are invalid; nothing was appended"), (e.Problem.Status, e.Problem.Detail));
        Assert.Equal(new ApiItemError(1, "bad", "occurredAt", "required"), Assert.Single(e.Errors));
        Assert.Contains("POST /api/v1/events answered 400", e.Message);
        Assert.Empty(server.StoredIds);
    }

    [Fact]
    public async Task GetJsonAsync_reads_a_page_and_throws_typed_on_404()
    {
        await using var server = await EventsTestServer.StartAsync();
        using var client = new EscalationForecastClient(server.BaseAddress);
        var ct = TestContext.Current.CancellationToken;
        var appended = await client.AppendAsync([new() { Id = "a", Type = "anniversary", TheaterId = "t", Date = "2020-01-03" }], ct);
        Assert.Equal(new(1, 0, 1), appended);

        var page = await client.GetJsonAsync<Page>("/api/v1/events", ct);
        Assert.Equal(("a", null), (Assert.Single(page.Items).Id, page.Next));
        var missing = await Assert.ThrowsAsync<ForecastApiException>(() => client.GetJsonAsync<Page>("api/v1/nothing", ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Batches_outside_1_to_10000_items_are_refused_before_sending()
    {
        using var client = new EscalationForecastClient();
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), client.BaseAddress);
        var tooMany = Enumerable.Range(0, 10_001)
            .Select(i => new Events.EventItem { Id = $"{i}", Type = "incident", TheaterId = "t", OccurredAt = "2020-01-01" }).ToArray();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.AppendAsync([], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.AppendAsync(tooMany, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_base_address_with_a_path_keeps_it_for_relative_requests()
    {
        using var client = new EscalationForecastClient(new Uri("http://host:1/forecast"));
        Assert.Equal("http://host:1/forecast/", client.BaseAddress.AbsoluteUri);
    }

    [Theory]
    [InlineData("""{"status":400,"errors":{"occurredAt":["required","bad"]}}""", "occurredAt", "bad", 2)]
    [InlineData("""{"title":"x","errors":[{"id":"e1","message":"no"}]}""", null, "no", 1)]
    [InlineData("<html>bad gateway</html>", null, null, 0)]
    public void Problems_are_read_leniently_whatever_shape_the_errors_take(string body, string? field, string? reason, int count)
    {
        var problem = ApiProblem.Parse(400, body);
        Assert.Equal(count, problem.Errors.Count);
        if (count > 0) Assert.Equal((field, reason), (problem.Errors[^1].Field, problem.Errors[^1].Reason));
        else Assert.Equal("<html>bad gateway</html>", problem.Detail);
    }

    private sealed record Page(IReadOnlyList<Item> Items, long? Next);

    private sealed record Item(string Id);
}
