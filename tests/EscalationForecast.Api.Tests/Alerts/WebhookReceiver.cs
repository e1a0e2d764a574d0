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

/// <summary>One webhook call as the receiver saw it, and what it answered (0: it never did).</summary>
public sealed record WebhookCall(string AlertId, string Body, string? Signature, DateTimeOffset ReceivedAt, int Answer)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public bool SignedWith(string secret) =>
        Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Body)));
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
            receiver.Calls.Enqueue(new WebhookCall(alertId, body, context.Request.Headers["X-Signature-256"], DateTimeOffset.UtcNow, status));
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

    /// <summary>Waits until the calls satisfy the condition, and answers them.</summary>
    public Task<WebhookCall[]> WaitAsync(Func<WebhookCall[], bool> done, TimeSpan timeout) =>
        Eventually.UntilAsync(() => Task.FromResult(Calls.ToArray()), done, timeout, $"the webhook calls at {Url} getting there");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
