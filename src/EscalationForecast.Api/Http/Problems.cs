using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Http;

/// <summary>RFC 9457 problem documents whose <c>detail</c> tells the caller what to fix.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid", extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large");

    /// <summary>
    /// Writes a problem from middleware, before any endpoint runs: problem+json under <c>/api/</c> always (see
    /// <see cref="ApiProblemWriter"/>), elsewhere when the request accepts JSON, and else the detail as text.
    /// </summary>
    public static async ValueTask WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var written = await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail);
        }
    }

    public static ProblemHttpResult NoTheater(string theaterId) =>
        NotFound($"There is no theater '{theaterId}'. GET /api/v1/theaters lists them.");

    public static ProblemHttpResult NotEnoughHistory(string theaterId, int incidents, int needed) => TypedResults.Problem(
        $"Theater '{theaterId}' has {incidents} incidents by then; a model needs at least {needed}. " +
        "Post more history, or ask about a later asOf.",
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough history");
}
