using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Forecasts.Risk;
using EscalationForecast.Api.Operations.Telemetry;
using JasperFx;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace EscalationForecast.Api.Alerts.Evaluating;

/// <summary>Evaluate every rule of the theater against its live risk now.</summary>
public sealed record EvaluateAlerts(string TheaterId);

/// <summary>
/// Reads the theater's current risk for each horizon its rules use, decides each rule's transition
/// (<see cref="Hysteresis"/>), and records it: the <see cref="AlertRaised"/>/<see cref="AlertCleared"/> event in
/// the rule's stream at the version read, the rule's new state, the delivery's record, and the
/// <see cref="DeliverAlert"/> message, all in one transaction (Wolverine's outbox). Two nodes evaluating at once
/// cannot both record a transition: the second append fails on the stream version, is retried, and then finds
/// the rule already in its new state.
/// </summary>
public static class EvaluateAlertsHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

    public static async Task<OutgoingMessages> Handle(EvaluateAlerts message, IDocumentSession session, RiskBoard board,
        TimeProvider clock, EscalationMetrics metrics, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var rules = await session.Query<AlertRule>().Where(r => r.TheaterId == message.TheaterId).ToListAsync(ct);
        if (rules.Count == 0) return outgoing;
        var states = (await session.LoadManyAsync<AlertRuleState>(ct, rules.Select(r => r.Id))).ToDictionary(s => s.Id);
        var risks = new Dictionary<int, RiskDocument?>();
        foreach (var horizon in rules.Select(r => r.HorizonDays).Distinct())
        {
            risks[horizon] = (await board.CurrentAsync(message.TheaterId, horizon, [1], ct))?.Document;
        }

        var now = clock.GetUtcNow();
        foreach (var rule in rules)
        {
            if (risks[rule.HorizonDays] is not { } risk) continue; // no model yet: nothing to compare
            var state = states.GetValueOrDefault(rule.Id) ?? AlertRuleState.New(rule.Id);
            var value = AlertMetrics.Of(risk, rule.Metric);
            if (Hysteresis.Decide(state.Breached, value, rule.Threshold, rule.ClearBelow) is not { } kind) continue;

            var alertId = Guid.CreateVersion7(now).ToString("N");
            IAlertEvent alert = kind == AlertKinds.Breached
                ? new AlertRaised(alertId, rule.Id, rule.TheaterId, rule.Metric, rule.HorizonDays, value, rule.Threshold, rule.ClearBelow, now)
                : new AlertCleared(alertId, rule.Id, rule.TheaterId, rule.Metric, rule.HorizonDays, value, rule.Threshold, rule.ClearBelow, now);
            session.Events.Append(AlertStreams.Of(rule.Id), state.Version + 1, alert);
            session.Store(state with { Breached = kind == AlertKinds.Breached, Version = state.Version + 1, LastValue = value, EvaluatedAt = now });
            session.Store(AlertDelivery.For(alert));
            outgoing.Add(new DeliverAlert(alertId, 1));
            metrics.AlertRaised();
        }
        return outgoing;
    }
}
