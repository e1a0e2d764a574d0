using EscalationForecast.Api.Http.OpenApi;
using Scalar.AspNetCore;

namespace EscalationForecast.Api.Http;

public static class Configuration
{
    /// <summary>
    /// The HTTP API's shared parts: problem details, the spec's JSON, the OpenAPI document, and the request body
    /// limit (<c>Ingestion:MaxRequestBytes</c>, 16 MiB by default: a 10,000-event batch with room to spare).
    /// </summary>
    public static WebApplicationBuilder AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddErrorAnswers();
        builder.Services.AddApiDocument();
        builder.Services.AddApiJson();
        var maxRequestBytes = builder.Configuration.GetValue<long>("Ingestion:MaxRequestBytes", 16 << 20);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBytes);
        return builder;
    }

    /// <summary>The shared parts of every request: problem details for every error, ids in paths checked.</summary>
    public static WebApplication UseHttpApi(this WebApplication app)
    {
        app.UseErrorAnswers();
        app.UseIdentifierChecks();
        return app;
    }

    /// <summary><c>/openapi/v1.json</c> and the interactive API reference at <c>/api-reference</c>.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference");
        return app;
    }
}
