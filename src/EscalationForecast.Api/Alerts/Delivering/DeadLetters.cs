using EscalationForecast.Api.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Marten;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>
/// <c>GET /api/v1/admin/alerts/dead-letters</c>: deliveries given up after <c>Alerting:MaxAttempts</c>;
/// <c>POST /api/v1/admin/alerts/dead-letters/{alertId}/resend</c>: starts its attempts afresh.
/// </summary>
public static class DeadLetters
{
    public sealed record DeadLetter(
        string AlertId, string RuleId, string TheaterId, string Kind, int Attempts, string? LastError,
        DateTimeOffset RecordedAt, DateTimeOffset? LastAttemptAt);

    public sealed record Resent(string AlertId, string Status);

    public static async Task<Ok<ListPage<DeadLetter>>> List(IQuerySession session, CancellationToken ct)
    {
        var dead = await session.Query<AlertDelivery>().Where(d => d.Status == DeliveryStatus.DeadLettered)
            .OrderBy(d => d.RecordedAt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(ListPage.Whole(
            dead.Select(d => new DeadLetter(d.Id, d.RuleId, d.TheaterId, d.Kind, d.Attempts, d.LastError, d.RecordedAt, d.LastAttemptAt)).ToList()));
    }

    public static async Task<Results<Accepted<Resent>, ProblemHttpResult>> Resend(string alertId, IDocumentSession session,
        IMartenOutbox outbox, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<AlertDelivery>(alertId, ct);
        if (delivery is null) return Problems.NotFound($"There is no alert '{alertId}'. GET /api/v1/admin/alerts/dead-letters lists those that can be re-sent.");
        if (delivery.Status != DeliveryStatus.DeadLettered)
        {
            return TypedResults.Problem($"Alert '{alertId}' is {delivery.Status}, not dead-lettered; only dead-lettered alerts are re-sent (a delivered one never is).",
                statusCode: StatusCodes.Status409Conflict, title: "Not dead-lettered");
        }
        outbox.Enroll(session);
        session.Store(delivery with { Status = DeliveryStatus.Pending, Attempts = 0 });
        await outbox.PublishAsync(new DeliverAlert(alertId, 1));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/admin/alerts/dead-letters", new Resent(alertId, DeliveryStatus.Pending));
    }
}
