using EscalationForecast.Api.Events;
using EscalationForecast.Api.Forecasts.Fitting;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace EscalationForecast.Api.Alerts.Evaluating;

/// <summary>
/// Asks for an evaluation of the rules of every theater whose risk inputs changed: a stored batch of events
/// (<see cref="TheaterEventsAppended"/>: the live risk changes at once, with the current model) and a refit (the
/// model fits, watched by the <see cref="ModelFitTriggers"/> subscription, run on one node).
/// </summary>
public static class AlertTriggers
{
    public static Task Handle(TheaterEventsAppended appended, IQuerySession session, IMessageContext bus, CancellationToken ct) =>
        EvaluateWatchedAsync(appended.TheaterIds, session, bus, ct);

    public static async Task EvaluateWatchedAsync(IReadOnlyCollection<string> theaterIds, IQuerySession session, IMessageBus bus, CancellationToken ct)
    {
        if (theaterIds.Count == 0) return;
        var watched = await session.Query<AlertRule>().Where(r => r.TheaterId.IsOneOf(theaterIds.ToArray()))
            .Select(r => r.TheaterId).ToListAsync(ct);
        foreach (var theaterId in watched.Distinct())
        {
            await bus.PublishAsync(new EvaluateAlerts(theaterId));
        }
    }
}

/// <summary>Watches the model fits in the async daemon (one node runs it): a refit changes the live risk.</summary>
public sealed class ModelFitTriggers : BatchSubscription
{
    public ModelFitTriggers() : base("AlertTriggers")
    {
        IncludeType<ModelFitted>();
    }

    public override Task ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken) =>
        AlertTriggers.EvaluateWatchedAsync(
            page.Events.Select(e => e.Data).OfType<ModelFitted>().Select(m => m.TheaterId).Distinct().ToArray(), operations, bus, cancellationToken);
}
