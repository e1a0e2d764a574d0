using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EscalationForecast.Api.Tests.Alerts;

/// <summary>
/// One webhook call as the receiver saw it (the body, <c>X-Signature-256</c>, the Standard Webhooks headers
/// <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), and what it answered (0: it never did).
/// </summary>
public sealed record WebhookCall(string AlertId, string Body, string? Signature, DateTimeOffset ReceivedAt, int Answer,
    string? WebhookId = null, string? WebhookTimestamp = null, string? WebhookSignature = null, int ClientPort = 0)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>
    /// Both signatures verify as a receiver would check them (each computed here from the spec, not by the
    /// service's code), the id is the alert's, and the timestamp is within five minutes of the call's arrival.
    /// </summary>
    public bool SignedWith(string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var legacy = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Body)));
        if (Signature != legacy || WebhookId != AlertId || !long.TryParse(WebhookTimestamp, out var seconds)) return false;
        if (Math.Abs(DateTimeOffset.FromUnixTimeSeconds(seconds).Subtract(ReceivedAt).TotalMinutes) > 5) return false;
        var standard = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{WebhookId}.{WebhookTimestamp}.{Body}")));
        return WebhookSignature?.Split(' ').Contains(standard) == true; // the header may list several signatures
    }
}

/// <summary>
/// A real webhook receiver: Kestrel on a free 127.0.0.1 port. <see cref="Answer"/> decides the status of each
/// call from the number of calls this alert has had before (0 for the first); a status of 0 hangs the call
/// until the caller gives up or goes away.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<WebhookCall> Calls { get; } = new();
    public Func<string, int, int> Answer { get; set; } = (_, _) => 204;
    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var alertId = JsonNode.Parse(body)?["alertId"]?.GetValue<string>() ?? "";
            var before = receiver._counts.AddOrUpdate(alertId, 1, (_, n) => n + 1) - 1;
            var status = receiver.Answer(alertId, before);
            var headers = context.Request.Headers;
            receiver.Calls.Enqueue(new WebhookCall(alertId, body, headers["X-Signature-256"], DateTimeOffset.UtcNow, status,
                headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], context.Connection.RemotePort));
            if (status == 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hook";
        return receiver;
    }

    public WebhookCall[] CallsFor(string alertId) => Calls.Where(c => c.AlertId == alertId).ToArray();

    public int Port => new Uri(Url).Port;

    /// <summary>Waits until the calls satisfy the condition, and answers them.</summary>
    public Task<WebhookCall[]> WaitAsync(Func<WebhookCall[], bool> done, TimeSpan timeout) =>
        Eventually.UntilAsync(() => Task.FromResult(Calls.ToArray()), done, timeout, $"the webhook calls at {Url} getting there");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
