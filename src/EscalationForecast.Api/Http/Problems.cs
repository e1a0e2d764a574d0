using EscalationForecast.Api.Events.Ingesting;
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

    public static ProblemHttpResult InvalidItems(IReadOnlyList<ItemError> errors, int itemCount) =>
        TypedResults.Problem(
            $"{errors.Select(e => e.Index).Distinct().Count()} of {itemCount} items are invalid and nothing was stored. " +
            $"Fix the items listed in 'errors' and send the batch again. First: item {errors[0].Index}, '{errors[0].Field}' {errors[0].Reason}.",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid events",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Conflict(IReadOnlyList<ItemError> conflicts) =>
        TypedResults.Problem(
            $"{conflicts.Count} items re-use an id that is stored with other content, and nothing was stored. " +
            "An id is an idempotency key: re-send the same content, or give a new event a new id.",
            statusCode: StatusCodes.Status409Conflict, title: "Id re-used with other content",
            extensions: new Dictionary<string, object?> { ["errors"] = conflicts });

    public static ProblemHttpResult NoTheater(string theaterId) =>
        NotFound($"There is no theater '{theaterId}'. GET /api/v1/theaters lists them.");

    public static ProblemHttpResult NotEnoughHistory(string theaterId, int incidents, int needed) => TypedResults.Problem(
        $"Theater '{theaterId}' has {incidents} incidents by then; a model needs at least {needed}. " +
        "Post more history, or ask about a later asOf.",
        statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough history");

    /// <summary>Parses an optional query value, adding a problem for the parameter when it is malformed.</summary>
    public static ProblemHttpResult InvalidQuery(string parameter, string fix) =>
        BadRequest($"Query parameter '{parameter}' {fix}.", new Dictionary<string, object?> { ["parameter"] = parameter });
}
