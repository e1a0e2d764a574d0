using EscalationForecast.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Alerts.Reading;

/// <summary>
/// <c>GET /api/v1/alerts</c>: breaches and clearances in recorded order, paged by <c>afterSequence</c> with
/// <c>limit</c> (1-1,000, default 100); filters <c>theaterId</c>, <c>ruleId</c>.
/// </summary>
public static class GetAlerts
{
    public static async Task<Results<Ok<ListPage<AlertItem>>, ProblemHttpResult>> Handle(HttpContext context, AlertLog log, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryLong(q["afterSequence"], "afterSequence", out var after, out var error)
            || !QueryParameters.TryInt(q["limit"], "limit", 1, 1000, 100, out var limit, out error))
        {
            return Problems.BadRequest(error!);
        }
        var items = await log.ReadAsync(after, limit + 1, Empty(q["theaterId"]), Empty(q["ruleId"]), ct);
        return TypedResults.Ok(ListPage.Of(items, limit, a => a.Sequence));
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
