using System.Text.Json.Nodes;
using Alba;

namespace EscalationForecast.Api.Tests.Infrastructure;

public static class EventPages
{
    /// <summary>Follows <c>next</c> through every page of <c>GET /api/v1/events</c>.</summary>
    public static async Task<List<JsonNode>> ReadAllAsync(IAlbaHost host, string query, int limit = 1000)
    {
        var all = new List<JsonNode>();
        long? after = 0;
        while (after is { } a)
        {
            var page = await host.GetJsonAsync($"/api/v1/events?{query}&limit={limit}&afterSequence={a}");
            all.AddRange(page["items"]!.AsArray().Select(i => i!));
            after = page["next"]?.GetValue<long>();
        }
        return all;
    }
}
