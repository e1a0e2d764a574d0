using System.Collections.Concurrent;
using EscalationForecast.Api.Operations.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EscalationForecast.Api.Health;

/// <summary>
/// The async projections against the event store's high-water mark, read from the database (so every node
/// answers the same, whichever runs the daemon). Degraded, not unhealthy: a projection behind means stale
/// series, while writes and point-in-time reads (which fold streams) still work. Degraded when a projection is
/// more than <c>Health:MaxProjectionLag</c> events behind (default 10,000), or has been behind without moving
/// for <c>Health:MaxProjectionStall</c> (default 2 minutes). The lag per projection is in the body either way.
/// </summary>
public sealed class ProjectionLagHealthCheck(ProjectionLagMonitor monitor, IConfiguration configuration, TimeProvider clock) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> _lastMove = new(StringComparer.Ordinal);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var maxLag = configuration.GetValue("Health:MaxProjectionLag", 10_000L);
        var maxStall = configuration.GetValue("Health:MaxProjectionStall", TimeSpan.FromMinutes(2));
        ProjectionLag lag;
        try
        {
            lag = await monitor.ReadAsync(TimeSpan.Zero, ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("The projections' progress cannot be read: the database does not answer.");
        }

        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object> { ["highestSequence"] = lag.HighestSequence };
        var problems = new List<string>();
        foreach (var (projection, behind) in lag.Behind)
        {
            data[projection] = behind;
            var position = lag.HighestSequence - behind;
            var moved = _lastMove.AddOrUpdate(projection, (position, now), (_, last) => last.Sequence == position ? last : (position, now));
            if (behind > maxLag)
            {
                problems.Add($"{projection} is {behind:N0} events behind (limit {maxLag:N0})");
            }
            else if (behind > 0 && now - moved.Since > maxStall)
            {
                problems.Add($"{projection} is {behind:N0} events behind and has not moved for {(now - moved.Since).TotalSeconds:N0} s");
            }
        }
        return problems.Count == 0
            ? HealthCheckResult.Healthy("The async projections keep up with the event store.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
