using EscalationForecast.Api.Storage.EventTables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EscalationForecast.Api.Health;

/// <summary>
/// Ready when the database answers and the event store's schema is in place. The answer says what failed, never
/// where (Npgsql's message names the host and port): the log has the exception.
/// </summary>
public sealed class DatabaseHealthCheck(EventTableReader tables, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            return await tables.SchemaPresentAsync(timeout.Token)
                ? HealthCheckResult.Healthy("The database answers and the event store schema is present.")
                : HealthCheckResult.Unhealthy("The database answers but the event store schema is missing: run 'db-apply'.");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning(ex, "Readiness: the database does not answer");
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
