using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Alba;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>An answer as a hostile or careless client sees it: status, media type, the body parsed when it is JSON.</summary>
public sealed record RawAnswer(int Status, string MediaType, JsonNode? Body, string Text, HttpResponseMessage Response)
{
    public string Detail => Body?["detail"]?.GetValue<string>() ?? "";

    /// <summary>Asserts a problem document with this status whose detail contains every fragment.</summary>
    public RawAnswer IsProblem(int status, params string[] fragments)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Text}");
        Assert.Equal("application/problem+json", MediaType);
        Assert.False(string.IsNullOrWhiteSpace(Detail), $"a problem without a detail: {Text}");
        foreach (var fragment in fragments) Assert.Contains(fragment, Detail);
        return this;
    }
}

public static class RawRequests
{
    /// <summary>Sends exactly these bytes, content type and headers (null content type: none sent).</summary>
    public static async Task<RawAnswer> SendRawAsync(this IAlbaHost host, HttpMethod method, string url, byte[]? body = null,
        string? contentType = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) request.Headers.Host = value;
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await host.Server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        JsonNode? json = null;
        if (mediaType.EndsWith("json") && text.Length > 0) json = JsonNode.Parse(text);
        return new RawAnswer((int)response.StatusCode, mediaType, json, text, response);
    }

    public static Task<RawAnswer> GetRawAsync(this IAlbaHost host, string url, params (string Name, string Value)[] headers) =>
        host.SendRawAsync(HttpMethod.Get, url, null, null, headers);

    public static Task<RawAnswer> PostJsonRawAsync(this IAlbaHost host, string url, string json, params (string Name, string Value)[] headers) =>
        host.SendRawAsync(HttpMethod.Post, url, System.Text.Encoding.UTF8.GetBytes(json), "application/json", headers);
}
