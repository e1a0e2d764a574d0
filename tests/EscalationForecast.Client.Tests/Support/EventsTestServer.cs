using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationForecast.Client.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) implementing just enough of <c>POST /api/v1/events</c> per the
/// contract: 1-10,000 items, per-item validation answered as 400 problem+json with <c>errors</c> and nothing stored,
/// idempotent ids (same content = duplicate, other content = 409), and 200 <c>{ appended, duplicates, lastSequence }</c>.
/// Knobs let a test make it refuse chosen items, cap the batch size (413) or throttle (429).
/// </summary>
public sealed class EventsTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly Dictionary<string, string> stored = new();
    private long sequence;

    private EventsTestServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request's item count and the status it was answered with, in order.</summary>
    public List<(int Items, int Status)> Requests { get; } = [];

    /// <summary>Item ids the server refuses as invalid (400), with the field and reason it names.</summary>
    public Dictionary<string, (string Field, string Reason)> Refuse { get; } = new();

    /// <summary>Answer 413 to batches larger than this.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Answer this many requests with 429 and <c>Retry-After: 0</c> before serving.</summary>
    public int ThrottleNext { get; set; }

    /// <summary>Answer every request with this status and a plain problem (no item errors).</summary>
    public HttpStatusCode? FailWith { get; set; }

    public IReadOnlyCollection<string> StoredIds { get { lock (gate) return stored.Keys.ToArray(); } }

    public string StoredJson(string id) { lock (gate) return stored[id]; }

    public static async Task<EventsTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new EventsTestServer(app);
        app.MapPost("/api/v1/events", server.Post);
        app.MapGet("/api/v1/events", server.List);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    private async Task<IResult> Post(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var items = body.RootElement.ValueKind == JsonValueKind.Array
            ? body.RootElement.EnumerateArray().ToArray() : [body.RootElement];
        lock (gate)
        {
            var answer = Answer(items);
            Requests.Add((items.Length, answer is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200));
            return answer;
        }
    }

    // Enough of the paged list for GetJsonAsync: every stored id, one page.
    private IResult List()
    {
        lock (gate) return Results.Json(new { items = stored.Keys.Select(id => new { id }).ToArray(), next = (long?)null });
    }

    private IResult Answer(JsonElement[] items)
    {
        if (FailWith is { } status) return Problem((int)status, "the test server was told to fail", null);
        if (ThrottleNext > 0)
        {
            ThrottleNext--;
            return new RetryAfterZero(Problem(429, "slow down", null));
        }
        if (items.Length is 0 or > 10_000) return Problem(400, "send 1 to 10,000 items", null);
        if (items.Length > MaxItems) return Problem(413, $"at most {MaxItems} items per request", null);
        var errors = items.Select((item, index) => Validate(item, index)).OfType<object>().ToList();
        if (errors.Count > 0) return Problem(400, $"{errors.Count} item(s) are invalid; nothing was appended", errors);
        var conflicts = items.Select((item, index) => (item, index))
            .Where(p => stored.TryGetValue(Id(p.item), out var json) && json != p.item.GetRawText())
            .Select(p => (object)new { index = p.index, id = Id(p.item), field = "id", reason = "id re-used with different content" })
            .ToList();
        if (conflicts.Count > 0) return Problem(409, "ids re-used with different content", conflicts);
        var appended = 0;
        foreach (var item in items) if (stored.TryAdd(Id(item), item.GetRawText())) appended++;
        sequence += appended;
        return Results.Json(new { appended, duplicates = items.Length - appended, lastSequence = sequence });
    }

    private static readonly string?[] Types =
        ["incident", "incident-revised", "incident-retracted", "ceasefire-declared", "ceasefire-ended", "anniversary"];

    private object? Validate(JsonElement item, int index)
    {
        string? Field(string name) =>
            item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var id = Field("id");
        (string Field, string Reason)? problem =
            id is null or { Length: > 128 } ? ("id", "1-128 characters required")
            : Field("theaterId") is null ? ("theaterId", "required")
            : !Types.Contains(Field("type")) ? ("type", "unknown type")
            : Field("type") != "anniversary" && Field("occurredAt") is null ? ("occurredAt", "required")
            : Refuse.TryGetValue(id, out var refused) ? refused
            : null;
        return problem is { } p ? new { index, id, field = p.Field, reason = p.Reason } : null;
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private static IResult Problem(int status, string detail, List<object>? errors) => Results.Problem(
        detail, statusCode: status, extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    private sealed class RetryAfterZero(IResult inner) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => 429;

        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.RetryAfter = "0";
            return inner.ExecuteAsync(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
