using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Http;

/// <summary>
/// Writes every problem under <c>/api/</c> as <c>application/problem+json</c>, whatever the request accepts: ASP.NET
/// Core's own writer declines a request that accepts only, say, <c>text/event-stream</c> (the alert stream) or
/// <c>text/csv</c>, and its callers then send an empty or plain-text error. Fills in what that writer fills in (status,
/// title, <c>traceId</c>) and runs the configured customisation.
/// </summary>
public sealed class ApiProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments("/api");

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
