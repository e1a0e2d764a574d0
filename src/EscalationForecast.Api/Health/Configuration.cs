using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EscalationForecast.Api.Health;

public static class Configuration
{
    /// <summary>Readiness checks: the database and its schema, and the async projections' lag.</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionLagHealthCheck>("projections", tags: ["ready"]);
        services.AddSingleton<ProjectionLagHealthCheck>();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process serves requests (no checks). <c>/health/ready</c>: it can do its work:
    /// 200 when Healthy or Degraded (a projection behind: still serve), 503 when Unhealthy (no database or schema).
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }, JsonSerializerOptions.Web));
    }
}
