using EscalationForecast.Api.Events;
using EscalationForecast.Api.Models;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace EscalationForecast.Api.Alerts.Evaluating;

/// <summary>
/// Watches the theater streams and the model fits in the async daemon (one node runs it) and asks for an
/// evaluation of the rules of every theater a page touched: new events change the live risk at once (with the
/// current model), and a refit changes it again.
/// </summary>
public sealed class AlertTriggers : BatchSubscription
{
    public AlertTriggers() : base("AlertTriggers")
    {
        foreach (var type in EventKinds.RiskInputs) IncludeType(type);
        IncludeType<ModelFitted>();
        Options.BatchSize = 5_000; // imports arrive 10,000 at a time: a few large pages, a few messages
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        var touched = page.Events.Select(e => e.Data switch
        {
            ITheaterEvent t => t.TheaterId,
            ModelFitted m => m.TheaterId,
            _ => null,
        }).OfType<string>().Distinct().ToArray();
        if (touched.Length == 0) return;
        var watched = await operations.Query<AlertRule>().Where(r => r.TheaterId.IsOneOf(touched))
            .Select(r => r.TheaterId).ToListAsync(cancellationToken);
        foreach (var theaterId in watched.Distinct())
        {
            await bus.PublishAsync(new EvaluateAlerts(theaterId));
        }
    }
}
