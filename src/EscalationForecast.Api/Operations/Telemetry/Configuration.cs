using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EscalationForecast.Api.Operations.Telemetry;

public static class Configuration
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry: ASP.NET Core, HttpClient (webhooks), Npgsql, Marten,
    /// Wolverine, the runtime and our own <see cref="EscalationMetrics"/>/<see cref="EscalationActivities"/>.
    /// Metrics are always served as Prometheus text at <c>/metrics</c>; when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// all three signals (metrics, traces, logs) go over OTLP (protocol, headers, service name: the standard OTEL_* variables).
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectionLagMonitor>();
        builder.Services.AddSingleton<EscalationMetrics>();
        // Marten's own meter: event append counts per event type, alongside its "Marten" activity source.
        builder.Services.ConfigureMarten(opts => opts.OpenTelemetry.TrackEventCounters());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "escalation-forecast"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Marten", "Wolverine*", EscalationMetrics.MeterName)
                .AddPrometheusExporter());

        // Traces and logs are recorded only when there is somewhere to send them: a span or log record nobody
        // exports costs every request its allocations (the live risk path serves tens of thousands a second).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsPlumbing(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql() // statement text only: parameters are not recorded, the connection string never
                    .AddSource("Marten", "Wolverine", EscalationActivities.SourceName))
                .WithLogging(logging => { }, options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                })
                .UseOtlpExporter(); // reads OTEL_EXPORTER_OTLP_PROTOCOL (grpc, http/protobuf) and friends
        }
        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c>: Prometheus text exposition of every meter above. With <c>Management:Port</c> set it is
    /// answered only on connections to that port (one of the listening URLs, which a proxy does not route) and is a
    /// 404 on every other, however the path is spelled (<c>/METRICS</c>, <c>/metrics/</c>: routing ignores case and
    /// a trailing slash, and so does this check). Judged by the port the connection reached, not the Host header.
    /// </summary>
    public static void MapTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>("Management:Port") is int port and > 0)
        {
            app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) && context.Connection.LocalPort != port)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    /// <summary>Probes and scrapes arrive every few seconds: tracing them would drown the real requests.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
