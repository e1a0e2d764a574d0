using System.Net;
using System.Text.Json;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;

namespace EscalationForecast.Api.Samples.Loading;

/// <summary>
/// Lets the client library's import pipeline append inside the service, through the same JSON validation and
/// append path as <c>POST /api/v1/events</c>; a refused batch surfaces as the HTTP client's exception would.
/// </summary>
public sealed class InProcessAppender(EventIntake intake) : IEventAppender
{
    public async Task<AppendResult> AppendAsync(IReadOnlyList<EventItem> items, CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(items, EventJson.Options));
        var outcome = await intake.SubmitAsync(document.RootElement.EnumerateArray().ToArray(), cancellationToken);
        return outcome switch
        {
            AppendOutcome.Stored s => new AppendResult(s.Appended, s.Duplicates, s.LastSequence),
            AppendOutcome.Conflicted c => throw Refused(HttpStatusCode.Conflict, c.Conflicts),
            AppendOutcome.Rejected r => throw Refused(HttpStatusCode.BadRequest, r.Errors),
            _ => throw new InvalidOperationException(),
        };
    }

    private static ForecastApiException Refused(HttpStatusCode status, IReadOnlyList<ItemError> errors) =>
        new(status, new ApiProblem((int)status, "Refused", $"{errors.Count} items refused", null,
            errors.Select(e => new ApiItemError(e.Index, e.Id, e.Field, e.Reason)).ToArray()));
}
