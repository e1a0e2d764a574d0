using EscalationForecast.Api.Operations.Telemetry;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>Attempt number <see cref="Attempt"/> (from 1) at delivering an alert to its rule's webhook.</summary>
public sealed record DeliverAlert(string AlertId, int Attempt);

/// <summary>
/// Runs on the <c>alert-deliveries</c> durable local queue, or on the broker queue or topic that
/// <c>Alerting:Transport</c> names (<see cref="DeliveryTransport"/>), with bounded parallelism, apart from
/// ingestion, risk and refits. A 2xx marks the delivery delivered (final); a failure schedules the next attempt after
/// <see cref="Backoff"/>, a durable scheduled message, until <c>Alerting:MaxAttempts</c>, then dead-letters it
/// (listed and re-sendable under <c>/api/v1/admin/alerts/dead-letters</c>). If the process dies between the
/// receiver's 2xx and the commit, the message is handled again after recovery: delivery is at least once, and
/// <c>alertId</c> is the receiver's key for dropping the repeat.
/// </summary>
public static class DeliverAlertHandler
{
    public static async Task<OutgoingMessages> Handle(DeliverAlert message, IDocumentSession session, WebhookSender sender,
        IOptions<AlertingOptions> options, TimeProvider clock, EscalationMetrics metrics, ILogger<DeliverAlert> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var delivery = await session.LoadAsync<AlertDelivery>(message.AlertId, ct);
        if (delivery is not { Status: DeliveryStatus.Pending } || message.Attempt <= delivery.Attempts)
        {
            return outgoing; // delivered, dead-lettered, abandoned, or this attempt was already made
        }
        if (await session.LoadAsync<AlertRule>(delivery.RuleId, ct) is not { } rule)
        {
            session.Store(delivery with { Status = DeliveryStatus.Abandoned, LastError = "the rule was deleted" });
            return outgoing;
        }

        using var activity = EscalationActivities.Deliver(delivery.TheaterId);
        activity?.SetTag("alert.id", delivery.Id);
        activity?.SetTag("alert.attempt", message.Attempt);
        var outcome = await sender.SendAsync(rule.WebhookUrl, rule.Secret, delivery.Body, delivery.Id, ct);
        var now = clock.GetUtcNow();
        var attempted = delivery with { Attempts = message.Attempt, LastAttemptAt = now, LastError = outcome.Error };
        if (outcome.Delivered)
        {
            session.Store(attempted with { Status = DeliveryStatus.Delivered, DeliveredAt = now });
            metrics.AlertDelivered(now - delivery.RecordedAt);
            return outgoing;
        }

        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome.Error);
        metrics.AlertFailed();
        var settings = options.Value;
        if (message.Attempt >= settings.MaxAttempts)
        {
            session.Store(attempted with { Status = DeliveryStatus.DeadLettered });
            metrics.AlertDeadLettered();
            logger.LogWarning("Alert {AlertId} of rule {RuleId} dead-lettered after {Attempts} attempts ({Error})",
                delivery.Id, delivery.RuleId, message.Attempt, outcome.Error);
            return outgoing;
        }
        session.Store(attempted);
        var delay = Backoff.Delay(message.Attempt, settings.RetryBaseSeconds, settings.RetryMaxSeconds, Random.Shared.NextDouble());
        outgoing.Add(new DeliverAlert(delivery.Id, message.Attempt + 1).DelayedFor(delay));
        logger.LogInformation("Alert {AlertId} attempt {Attempt} failed ({Error}); retrying in {Delay}", delivery.Id, message.Attempt, outcome.Error, delay);
        return outgoing;
    }
}
