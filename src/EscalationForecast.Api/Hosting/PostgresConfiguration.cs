using Npgsql;

namespace EscalationForecast.Api.Hosting;

/// <summary>
/// Decides which PostgreSQL the service uses: <c>ConnectionStrings:Marten</c> when configured, otherwise the
/// embedded cluster under <c>EmbeddedPostgres:Root</c> (relative to the content root), started now and stopped
/// when the host stops.
/// </summary>
public static class PostgresConfiguration
{
    public static async Task<string> UsePostgresAsync(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Marten") is { Length: > 0 } configured)
        {
            return configured;
        }
        var section = builder.Configuration.GetSection("EmbeddedPostgres");
        var root = Path.Combine(builder.Environment.ContentRootPath, section["Root"] ?? ".data/postgres");
        var database = section["Database"] ?? "escalation_forecast";

        var cluster = await EmbeddedPostgres.StartAsync(root);
        builder.Services.AddHostedService(_ => new EmbeddedPostgresLifetime(cluster));
        await EnsureDatabaseAsync(cluster.ConnectionString("postgres"), database);
        return cluster.ConnectionString(database);
    }

    public static async Task EnsureDatabaseAsync(string serverConnectionString, string database)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Registered before Marten and Wolverine, so it stops after them: the database goes away last.</summary>
    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();
    }
}
