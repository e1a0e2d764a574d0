using EscalationForecast.Api.Events.Folding;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace EscalationForecast.Api.Theaters.Replaying;

public sealed record ReplayStatus(
    string State, long Processed, long Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// Rebuilds the theater projections from the event store in the background (the projection is paused, its
/// documents torn down and every event replayed), reporting progress as it goes.
/// </summary>
public sealed class ReplayJob(IDocumentStore store, IServiceProvider services, TimeProvider clock, ILogger<ReplayJob> log)
{
    private readonly Lock _gate = new();
    private ReplayStatus _status = new("idle", 0, 0, null, null, null);

    /// <summary>Starts a rebuild unless one is running; answers the status either way.</summary>
    public ReplayStatus Start()
    {
        lock (_gate)
        {
            if (_status.State == "running")
            {
                return _status;
            }
            _status = new ReplayStatus("running", 0, 0, clock.GetUtcNow(), null, null);
        }
        _ = Task.Run(RunAsync);
        return _status;
    }

    public async Task<ReplayStatus> StatusAsync(CancellationToken ct)
    {
        var status = _status;
        if (status.State != "running")
        {
            return status;
        }
        var total = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var processed = progress.Where(p => p.ShardName.StartsWith(TheaterProjection.Name)).Select(p => p.Sequence).DefaultIfEmpty(0).Max();
        return status with { Processed = Math.Min(processed, total), Total = total };
    }

    private async Task RunAsync()
    {
        try
        {
            var shard = $"{TheaterProjection.Name}:All";
            if (services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase() is { } daemon)
            {
                await RebuildHereAsync(daemon, shard); // Solo: Marten's own daemon runs the projection in this process
            }
            else
            {
                await RebuildPausedAsync(shard);
            }
            var total = (await store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber;
            lock (_gate) _status = _status with { State = "completed", Processed = total, Total = total, FinishedAt = clock.GetUtcNow() };
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Replaying the theater projections failed");
            lock (_gate) _status = _status with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = ex.Message };
        }
    }

    /// <summary>The rebuild stops the shard; it is started again here if it was running.</summary>
    private static async Task RebuildHereAsync(IProjectionDaemon daemon, string shard)
    {
        var wasRunning = daemon.CurrentAgents().Any(a => a.Name.Identity == shard);
        await daemon.RebuildProjectionAsync(TheaterProjection.Name, RebuildTimeout, CancellationToken.None);
        if (wasRunning)
        {
            await daemon.StartAgentAsync(shard, CancellationToken.None);
        }
    }

    /// <summary>
    /// HotCold: Wolverine runs the projection as an agent on one node of the cluster. It is paused cluster-wide
    /// (an agent restriction the leader carries out), rebuilt here by a daemon of this node's own, and let go again,
    /// so no node projects events written meanwhile alongside the rebuild; the agent then resumes from the rebuilt
    /// position.
    /// </summary>
    private async Task RebuildPausedAsync(string shard)
    {
        var agents = services.GetRequiredService<IWolverineRuntime>().Agents;
        var uri = await services.GetRequiredService<IEventSubscriptionAgentFamily>().FindAgentUriAsync(shard, null)
                  ?? throw new InvalidOperationException($"Wolverine knows no agent for the projection shard '{shard}'.");
        var pause = new AgentRestrictions();
        pause.PauseAgent(uri);
        await agents.ApplyRestrictionsAsync(pause, CancellationToken.None);
        try
        {
            var daemon = await store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync(TheaterProjection.Name, RebuildTimeout, CancellationToken.None);
            await daemon.StopAllAsync();
        }
        finally
        {
            var resume = new AgentRestrictions { Current = [new AgentRestriction(Guid.NewGuid(), uri, AgentRestrictionType.None, 0)] };
            await agents.ApplyRestrictionsAsync(resume, CancellationToken.None);
        }
    }

    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromMinutes(30);
}
