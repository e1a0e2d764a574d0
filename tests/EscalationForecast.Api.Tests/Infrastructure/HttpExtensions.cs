using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;

namespace EscalationForecast.Api.Tests.Infrastructure;

public static class HttpExtensions
{
    /// <summary>Posts raw JSON to the events endpoint and answers the status and the parsed body.</summary>
    public static async Task<(int Status, JsonNode? Body, string ContentType)> PostEventsAsync(this IAlbaHost host, string json)
    {
        var client = host.Server.CreateClient();
        using var response = await client.PostAsync("/api/v1/events", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text),
            response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public static Task<(int Status, JsonNode? Body, string ContentType)> PostEventsAsync(this IAlbaHost host, params object[] items) =>
        host.PostEventsAsync(JsonSerializer.Serialize(items, JsonSerializerOptions.Web));

    /// <summary>A write without a body (start a replay, resend a dead letter), declared as JSON like every write.</summary>
    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url, CancellationToken ct = default) =>
        client.PostAsync(url, new StringContent("", Encoding.UTF8, "application/json"), ct);

    public static async Task<JsonNode> GetJsonAsync(this IAlbaHost host, string url, int expectedStatus = 200)
    {
        var client = host.Server.CreateClient();
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expectedStatus == (int)response.StatusCode, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static object Incident(string id, string theater, string occurredAt, string channel = "default", int severity = 1) =>
        new { id, type = "incident", theaterId = theater, occurredAt, channel, severity };
}
