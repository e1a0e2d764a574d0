using EscalationForecast.Api.Operations.Security;
using EscalationForecast.Api.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Alerts.Rules;

/// <summary><c>GET /api/v1/alert-rules</c> (optionally <c>?theaterId=</c>), <c>GET</c> and <c>DELETE /api/v1/alert-rules/{id}</c>.</summary>
public static class AlertRuleEndpoints
{
    public static async Task<Results<Ok<ListPage<AlertRuleView>>, ProblemHttpResult>> List(string? theaterId, HttpContext context, IQuerySession session, CancellationToken ct)
    {
        if (!QueryParameters.TryName(theaterId, "theaterId", out _, out var error)) return Problems.BadRequest(error!);
        var query = session.Query<AlertRule>().AsQueryable();
        if (!string.IsNullOrEmpty(theaterId)) query = query.Where(r => r.TheaterId == theaterId);
        var rules = await query.OrderBy(r => r.Id).ToListAsync(ct);
        var states = (await session.LoadManyAsync<AlertRuleState>(ct, rules.Select(r => r.Id))).ToDictionary(s => s.Id);
        return TypedResults.Ok(ListPage.Whole(rules.Select(r => AlertRuleView.Of(r, states.GetValueOrDefault(r.Id), WholeUrls(context))).ToList()));
    }

    public static async Task<Results<Ok<AlertRuleView>, ProblemHttpResult>> Get(string id, HttpContext context, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<AlertRule>(id, ct) is { } rule
            ? TypedResults.Ok(AlertRuleView.Of(rule, await session.LoadAsync<AlertRuleState>(id, ct), WholeUrls(context)))
            : NoRule(id);

    /// <summary>Removes the rule; its alerts stay in the store, and deliveries not yet made are abandoned.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<AlertRule>(id, ct) is null) return NoRule(id);
        session.Delete<AlertRule>(id);
        session.Delete<AlertRuleState>(id);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static bool WholeUrls(HttpContext context) => AccessControl.Holds(context, Scopes.Admin);

    private static ProblemHttpResult NoRule(string id) => Problems.NotFound($"There is no alert rule '{id}'. GET /api/v1/alert-rules lists them.");
}
