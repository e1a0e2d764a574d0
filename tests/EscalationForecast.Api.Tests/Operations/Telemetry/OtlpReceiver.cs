using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EscalationForecast.Api.Tests.Operations.Telemetry;

/// <summary>
/// The smallest OTLP/HTTP collector: a Kestrel endpoint on a free loopback port that keeps the raw protobuf
/// body of every POST to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> and answers 200.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<byte[]> Traces { get; } = new();
    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces")
            {
                receiver.Traces.Enqueue(body.ToArray());
            }
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Endpoint = app.Urls.Single();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
