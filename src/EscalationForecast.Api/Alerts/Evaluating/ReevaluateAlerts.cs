using JasperFx;
using Marten;
using Marten.Schema;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace EscalationForecast.Api.Alerts.Evaluating;

/// <summary>Tick <see cref="Tick"/> of the re-evaluation clock: evaluate every watched theater as time passes.</summary>
public sealed record ReevaluateAlerts(long Tick);

/// <summary>The clock's position (one document): its numeric revision is the tick that ran last.</summary>
public sealed class AlertClock
{
    public const string Key = "alerts";
    public string Id { get; set; } = Key;
    public DateTimeOffset At { get; set; }
    [Version] public long Revision { get; set; }
}

/// <summary>
/// Time moves the risk (excitation decays, anniversaries approach), so every <c>Alerting:ReevaluateSeconds</c>
/// every watched theater is evaluated again. The clock is a durable scheduled message that schedules its
/// successor in the same transaction, so it survives restarts and runs on whichever node Wolverine hands it to.
/// Only one chain survives: a tick runs only if it is the clock's next revision, and moving the clock is an
/// optimistic-concurrency update, so of two ticks with the same number (a second chain started by another node)
/// one commits and the other is discarded.
/// </summary>
public static class ReevaluateAlertsHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>().Discard();

    public static async Task<OutgoingMessages> Handle(ReevaluateAlerts message, IDocumentSession session,
        IOptions<AlertingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var current = await session.LoadAsync<AlertClock>(AlertClock.Key, ct);
        if ((current?.Revision ?? 0) != message.Tick) return outgoing; // a tick of a chain that lost
        var next = new AlertClock { At = clock.GetUtcNow() };
        if (current is null) session.Insert(next);
        else session.UpdateRevision(next, message.Tick + 1);

        var theaters = await session.Query<AlertRule>().Select(r => r.TheaterId).Distinct().ToListAsync(ct);
        foreach (var theaterId in theaters) outgoing.Add(new EvaluateAlerts(theaterId));
        outgoing.Add(new ReevaluateAlerts(message.Tick + 1).DelayedFor(TimeSpan.FromSeconds(options.Value.ReevaluateSeconds)));
        return outgoing;
    }
}

/// <summary>
/// Starts the clock on each node's start, and again whenever it has not moved for three periods (its chain
/// lost, say to a dead-lettered tick). Extra starts cost nothing: a start is the tick the clock expects next, so
/// it and the live chain's tick collapse into one.
/// </summary>
public sealed class AlertClockStarter(IDocumentStore store, IServiceProvider services, IOptions<AlertingOptions> options,
    TimeProvider clock, ILogger<AlertClockStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.ReevaluateSeconds);
        var first = true;
        do
        {
            try
            {
                await using var session = store.QuerySession();
                var current = await session.LoadAsync<AlertClock>(AlertClock.Key, stoppingToken);
                if (first || current is null || clock.GetUtcNow() - current.At > 3 * period)
                {
                    await services.GetRequiredService<IMessageBus>().PublishAsync(new ReevaluateAlerts(current?.Revision ?? 0));
                }
                first = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Starting the alert re-evaluation clock failed; trying again in {Period}", 3 * period);
            }
            await Task.Delay(3 * period, clock, stoppingToken);
        } while (!stoppingToken.IsCancellationRequested);
    }
}
