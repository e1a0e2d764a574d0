using Npgsql;

namespace EscalationForecast.Api.Hosting;

/// <summary>
/// Decides which PostgreSQL the service uses: <c>ConnectionStrings:Marten</c> when configured, otherwise the
/// embedded cluster, started now and stopped when the host stops. Its files go under <c>EmbeddedPostgres:Root</c>
/// when set (relative to the content root), else under <see cref="DefaultRoot"/>, unless the <c>postgres</c> user
/// cannot reach that (<see cref="EmbeddedPostgres.PlaceAsync"/>); the service's first log lines say where they are.
/// </summary>
public static class PostgresConfiguration
{
    /// <summary>Inside the checkout (git-ignored), relative to the content root.</summary>
    public const string DefaultRoot = ".data/postgres";

    public static async Task<string> UsePostgresAsync(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Marten") is { Length: > 0 } configured)
        {
            return configured;
        }
        var section = builder.Configuration.GetSection("EmbeddedPostgres");
        var binaries = PostgresBinaries.Locate(section["BinDirectory"]);
        var wanted = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, section["Root"] ?? DefaultRoot));
        var root = await EmbeddedPostgres.PlaceAsync(wanted, configured: section["Root"] is not null);
        var database = section["Database"] ?? "escalation_forecast";

        var cluster = await EmbeddedPostgres.StartAsync(root, binDirectory: binaries);
        builder.Services.AddSingleton(cluster); // so a start that fails stops it (StartFailures.ReportAsync)
        builder.Services.AddHostedService(_ => new EmbeddedPostgresLifetime(cluster));
        Announce(builder, cluster, root == wanted ? null : wanted);
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

    /// <summary>
    /// The log's first lines: where the cluster's files are and why, if not where they were meant to be. Written with a
    /// console logger of the same configuration, since the service's own logging exists only once the host is built.
    /// </summary>
    private static void Announce(WebApplicationBuilder builder, EmbeddedPostgres cluster, string? unreachable)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        var logger = loggers.CreateLogger<EmbeddedPostgres>();
        if (unreachable is not null)
        {
            logger.LogInformation("The postgres user cannot reach {Wanted}, so the embedded PostgreSQL keeps its files in {Root}", unreachable, cluster.Root);
        }
        logger.LogInformation("Embedded PostgreSQL: files in {Root}, listening on 127.0.0.1:{Port}", cluster.Root, cluster.Port);
    }

    /// <summary>Registered before Marten and Wolverine, so it stops after them: the database goes away last.</summary>
    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();
    }
}
