using System.Text;
using EscalationForecast.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Operations.Telemetry;

/// <summary>The service with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> pointing at a receiver started by the test.</summary>
public sealed class OtlpServiceFixture : ServiceFixture
{
    public OtlpReceiver Receiver { get; private set; } = null!;

    protected override async Task<string> NewDatabaseAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        return await base.NewDatabaseAsync();
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class OtlpExportTests(OtlpServiceFixture service) : IClassFixture<OtlpServiceFixture>
{
    [Fact]
    public async Task The_spans_of_an_ingestion_arrive_at_the_otlp_endpoint_without_secrets()
    {
        var theater = ServiceFixture.NewTheater("otlp");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"))).Status);

        var tracing = service.Host.Services.GetRequiredService<TracerProvider>();
        // The request's span ends after the response is written, so it may travel in a later export than the ingestion's.
        var bodies = await Eventually.UntilAsync(() =>
        {
            tracing.ForceFlush(5_000);
            return Task.FromResult(service.Receiver.Traces.ToArray());
        }, b => b.Any(x => Contains(x, theater)) && b.Any(x => Contains(x, "/api/v1/events")), TimeSpan.FromSeconds(30),
            "the ingestion's and the request's spans at the receiver");

        var ours = bodies.Where(b => Contains(b, theater)).ToArray();
        Assert.NotEmpty(ours);
        Assert.Contains(ours, b => Contains(b, "escalation.ingest") && Contains(b, "theater.id"));
        // The request span and the database spans travel too.
        Assert.Contains(bodies, b => Contains(b, "/api/v1/events"));
        // No password of the connection string in any export.
        Assert.DoesNotContain(bodies, b => Contains(b, PostgresCluster.Instance.Password));
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
