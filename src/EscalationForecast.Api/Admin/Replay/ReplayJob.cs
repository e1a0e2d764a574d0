using EscalationForecast.Api.Theaters;
using JasperFx.Events.Daemon;
using Marten;

namespace EscalationForecast.Api.Admin.Replay;

public sealed record ReplayStatus(
    string State, long Processed, long Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// Rebuilds the theater projections from the event store in the background (the async daemon pauses the
/// projection, tears its documents down and replays every event), reporting progress as it goes.
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
            // The rebuild stops the shard; only the node that was running it (the daemon's leader) resumes it.
            // Marten's coordinator exists in Solo mode; with Wolverine-managed distribution (HotCold) there is none,
            // so the rebuild runs on a daemon of its own.
            var daemon = services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase()
                         ?? await store.BuildProjectionDaemonAsync();
            var shard = $"{TheaterProjection.Name}:All";
            var wasRunning = daemon.CurrentAgents().Any(a => a.Name.Identity == shard);
            await daemon.RebuildProjectionAsync(TheaterProjection.Name, TimeSpan.FromMinutes(30), CancellationToken.None);
            if (wasRunning)
            {
                await daemon.StartAgentAsync(shard, CancellationToken.None);
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
}
