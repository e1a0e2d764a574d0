using System.Text.Json;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Operations.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Events.Ingesting;

public sealed record AppendResponse(int Appended, int Duplicates, long LastSequence);

/// <summary><c>POST /api/v1/events</c>: one item or an array of 1 to 10,000, stored all-or-nothing and idempotently by id.</summary>
public static class PostEvents
{
    public const int MaxItems = 10_000;

    public static async Task<Results<Ok<AppendResponse>, ProblemHttpResult>> Handle(
        HttpRequest request, EventIntake intake, EscalationMetrics metrics, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            metrics.BatchRejected();
            return Problems.BadRequest($"The body is not valid JSON ({ex.Message}). Send one event object or an array of them.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            metrics.BatchRejected();
            return Problems.TooLarge($"The body is larger than the limit of {request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize:N0} bytes. Split it into smaller batches.");
        }
        using (document)
        {
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
                AppendOutcome.Stored s => TypedResults.Ok(new AppendResponse(s.Appended, s.Duplicates, s.LastSequence)),
                AppendOutcome.Conflicted c => BatchProblems.Conflict(c.Conflicts),
                AppendOutcome.Rejected r => BatchProblems.InvalidItems(r.Errors, items.Length),
                _ => throw new InvalidOperationException(),
            };
        }
    }
}
