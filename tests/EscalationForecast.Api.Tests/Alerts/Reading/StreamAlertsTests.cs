using System.Text.Json.Nodes;

namespace EscalationForecast.Api.Tests.Alerts.Reading;

/// <summary>
/// <c>GET /api/v1/alerts/stream</c> over the real pipeline: a client that drops and reconnects with
/// <c>Last-Event-ID</c> gets every alert exactly once, in order, and an idle stream carries heartbeats.
/// </summary>
public sealed class StreamAlertsTests(AlertingFixture service) : IClassFixture<AlertingFixture>
{
    private sealed record Sse(long Id, string Event, JsonNode Data);

    /// <summary>Reads the stream until <paramref name="count"/> events came (or the time is up), then drops it.</summary>
    private async Task<(List<Sse> Events, List<string> Comments)> ReadAsync(string query, string? lastEventId, int count, TimeSpan timeout)
    {
        var client = service.Host.Server.CreateClient();
        using var cts = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/alerts/stream{query}");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<Sse>();
        var comments = new List<string>();
        var (id, kind, data) = (0L, "", "");
        try
        {
            while (events.Count < count && await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith(':')) comments.Add(line);
                else if (line.StartsWith("id: ")) id = long.Parse(line[4..]);
                else if (line.StartsWith("event: ")) kind = line[7..];
                else if (line.StartsWith("data: ")) data = line[6..];
                else if (line.Length == 0 && data.Length > 0)
                {
                    events.Add(new Sse(id, kind, JsonNode.Parse(data)!));
                    data = "";
                }
            }
        }
        catch (OperationCanceledException)
        {
            // time is up: answer what came
        }
        return (events, comments);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_every_alert_once_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = service.Host.Server.CreateClient();
        var theater = await service.SharedTheaterAsync();
        var start = JsonNode.Parse(await client.GetStringAsync("/api/v1/alerts?limit=1000"))!["items"]!.AsArray()
            .Select(i => i!["sequence"]!.GetValue<long>()).DefaultIfEmpty(0).Max();

        for (var i = 0; i < 3; i++) await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(theater, receiver.Url));
        var (first, _) = await ReadAsync($"?afterSequence={start}", null, 3, TimeSpan.FromSeconds(30));
        Assert.Equal(3, first.Count);

        // While the client is away, more alerts are raised; it resumes from the last id it saw.
        for (var i = 0; i < 3; i++) await Alerting.CreateRuleAsync(client, Alerting.BreachingRule(theater, receiver.Url));
        var (second, _) = await ReadAsync("?afterSequence=0", first[^1].Id.ToString(), 3, TimeSpan.FromSeconds(30)); // the header wins over the query
        Assert.Equal(3, second.Count);

        var streamed = first.Concat(second).ToList();
        var listed = (await Alerting.AlertsAsync(client)).Where(a => a["sequence"]!.GetValue<long>() > start).ToList();
        Assert.Equal(listed.Select(a => a["sequence"]!.GetValue<long>()), streamed.Select(e => e.Id));
        Assert.Equal(listed.Select(a => a["alertId"]!.GetValue<string>()), streamed.Select(e => e.Data["alertId"]!.GetValue<string>()));
        Assert.All(streamed, e => Assert.Equal("breached", e.Event));
        Assert.Equal(streamed.Count, streamed.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_idle_stream_carries_heartbeats()
    {
        var (events, comments) = await ReadAsync("", null, int.MaxValue, TimeSpan.FromSeconds(5.5));
        Assert.Empty(events);
        Assert.True(comments.Count(c => c == ": heartbeat") >= 2, string.Join(" | ", comments));
    }
}
