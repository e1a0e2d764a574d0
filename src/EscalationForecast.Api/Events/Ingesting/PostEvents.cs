using System.Text.Json;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Operations.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Events.Ingesting;

public sealed record AppendResponse(int Appended, int Duplicates, long LastSequence);

/// <summary>
/// <c>POST /api/v1/events</c>: one item or an array of 1 to 10,000, stored all-or-nothing and idempotently by id.
/// Reads on this node include the batch once it is answered; a reader on another node passes the answer's
/// <c>lastSequence</c> as <c>minSequence</c> (the <c>X-Read-After</c> header says so) for the same guarantee.
/// </summary>
public static class PostEvents
{
    public const int MaxItems = 10_000;

    public static async Task<Results<Ok<AppendResponse>, ProblemHttpResult>> Handle(
        HttpRequest request, EventIntake intake, CommittedSequence committed, EscalationMetrics metrics, CancellationToken ct)
    {
        using var body = await RequestBody.ReadJsonAsync(request, ct);
        if (body.Document is not { } document)
        {
            metrics.BatchRejected();
            return body.Problem!;
        }
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        if (items.Length is 0 or > MaxItems)
        {
            metrics.BatchRejected();
        }
        if (items.Length == 0)
        {
            return Problems.BadRequest("The batch is empty. Send one event object or an array of 1 to 10,000.");
        }
        if (items.Length > MaxItems)
        {
            return Problems.TooLarge($"The batch has {items.Length:N0} items; the limit is {MaxItems:N0}. Split it into smaller batches.");
        }

        return await intake.SubmitAsync(items, ct) switch
        {
            AppendOutcome.Stored s => Stored(request.HttpContext, committed, s),
            AppendOutcome.Conflicted c => BatchProblems.Conflict(c.Conflicts),
            AppendOutcome.Rejected r => BatchProblems.InvalidItems(r.Errors, items.Length),
            _ => throw new InvalidOperationException(),
        };
    }

    private static Ok<AppendResponse> Stored(HttpContext context, CommittedSequence committed, AppendOutcome.Stored s)
    {
        committed.Reached(s.LastSequence);
        context.Response.Headers["X-Read-After"] = $"minSequence={s.LastSequence}";
        return TypedResults.Ok(new AppendResponse(s.Appended, s.Duplicates, s.LastSequence));
    }
}
