using EscalationForecast.Api.Events;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace EscalationForecast.Api.Models.Lifecycle;

/// <summary>
/// Watches the theater streams in the async daemon (one node runs it) and asks for a refit of each theater a
/// page of events touched, after <see cref="Delay"/>: an import of 10,000 events arrives as a few pages, and
/// the first refit to run fits all of it while the others find the model already current.
/// </summary>
public sealed class TheaterChanges : BatchSubscription
{
    public TheaterChanges(TimeSpan delay) : base("ModelRefits")
    {
        Delay = delay;
        foreach (var type in EventKinds.RiskInputs) IncludeType(type);
        Options.BatchSize = 5_000; // imports arrive 10,000 at a time: a few large pages, a few messages
    }

    public TimeSpan Delay { get; }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        foreach (var theaterId in page.Events.Select(e => e.Data).OfType<ITheaterEvent>().Select(e => e.TheaterId).Distinct())
        {
            await bus.ScheduleAsync(new RefitTheater(theaterId), Delay);
        }
    }
}
