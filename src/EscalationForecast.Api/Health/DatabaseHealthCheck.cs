using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EscalationForecast.Api.Health;

/// <summary>Ready when the database answers and the event store's schema is in place.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource database, IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = database.CreateCommand("select to_regclass($1) is not null");
            command.Parameters.Add(new NpgsqlParameter { Value = $"{store.Options.Events.DatabaseSchemaName}.mt_events" });
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var schemaPresent = (bool)(await command.ExecuteScalarAsync(timeout.Token))!;
            return schemaPresent
                ? HealthCheckResult.Healthy("The database answers and the event store schema is present.")
                : HealthCheckResult.Unhealthy("The database answers but the event store schema is missing: run 'db-apply'.");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer: {ex.Message}");
        }
    }
}
