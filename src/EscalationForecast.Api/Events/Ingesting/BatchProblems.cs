using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>The problem documents of a refused batch: every item error, and that nothing was stored.</summary>
public static class BatchProblems
{
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
}
