using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The problem documents of a refused batch: its item errors (the first of them, with <c>errorCount</c> saying how many
/// there were), and that nothing was stored.
/// </summary>
public static class BatchProblems
{
    public static ProblemHttpResult InvalidItems(ItemErrors errors, int itemCount) =>
        TypedResults.Problem(
            $"{errors.Items:N0} of {itemCount:N0} items are invalid and nothing was stored. " +
            $"Fix the items listed in 'errors'{Listed(errors)} and send the batch again. First: item {errors[0].Index}, '{errors[0].Field}' {errors[0].Reason}.",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid events",
            extensions: Extensions(errors));

    public static ProblemHttpResult Conflict(ItemErrors conflicts) =>
        TypedResults.Problem(
            $"{conflicts.Items:N0} items conflict with stored events, and nothing was stored{Listed(conflicts)}. First: item {conflicts[0].Index}, " +
            $"'{conflicts[0].Field}' {conflicts[0].Reason}. An id is an idempotency key (re-send the same content, or give a new " +
            "event a new id), and each correction applies once.",
            statusCode: StatusCodes.Status409Conflict, title: "Conflict with stored events",
            extensions: Extensions(conflicts));

    private static string Listed(ItemErrors errors) =>
        errors.Total > errors.Count ? $" (the first {errors.Count:N0} of {errors.Total:N0} errors are listed)" : "";

    private static Dictionary<string, object?> Extensions(ItemErrors errors) =>
        new() { ["errors"] = errors.ToArray(), ["errorCount"] = errors.Total };
}
