using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EscalationForecast.Api.Http;

/// <summary>
/// Every error is problem+json (RFC 9457) with a <c>detail</c> that names the fix: what an endpoint answers itself,
/// and what the framework would otherwise answer with an empty body (an unknown route, a wrong method, an unreadable
/// body, an exception). A server error says only that it failed and its <c>traceId</c>, never the exception's text;
/// the exception is logged under that id.
/// </summary>
public static class ErrorAnswers
{
    public static IServiceCollection AddErrorAnswers(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, ApiProblemWriter>() // before the default writer: the first that can write does
            .AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var request = context.HttpContext.Request;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status400BadRequest when context.Exception is BadHttpRequestException { InnerException: JsonException json } =>
                    $"The body is not valid JSON for {request.Method} {request.Path} ({json.Message}). Each field once, only the fields /api-reference lists.",
                StatusCodes.Status404NotFound =>
                    $"There is nothing at {request.Method} {request.Path}. The API's endpoints are listed at /openapi/v1.json and /api-reference.",
                StatusCodes.Status405MethodNotAllowed =>
                    $"{request.Path} does not take {request.Method}; it takes {Allowed(context.HttpContext)}.",
                StatusCodes.Status400BadRequest =>
                    "The request cannot be read. Check its headers and body against /api-reference.",
                StatusCodes.Status413PayloadTooLarge =>
                    "The body is larger than the service accepts. Split it into smaller requests.",
                >= 500 =>
                    "The service failed to answer this request. It is logged under this problem's traceId: quote it when reporting the failure, " +
                    "or try again later.",
                _ => null,
            };
        });

    /// <summary>Exceptions and empty error answers become problem details; must come first in the pipeline.</summary>
    public static WebApplication UseErrorAnswers(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A request the server could not read (a broken body, a body over the limit) is the caller's error, not ours.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }

    private static string Allowed(HttpContext context) =>
        context.Response.Headers.Allow is { Count: > 0 } allow ? string.Join(", ", allow.ToString().Split(',', StringSplitOptions.TrimEntries)) : "other methods";
}
