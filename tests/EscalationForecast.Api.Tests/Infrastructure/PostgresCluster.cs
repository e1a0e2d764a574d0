using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started the same way the service starts its embedded one.
/// Each test class gets a database of its own on it, so classes run in parallel without sharing data.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static EmbeddedPostgres? _cluster;
    private static int _databases;

    public static EmbeddedPostgres Instance => _cluster ?? throw new InvalidOperationException("The test cluster has not started.");

    public async ValueTask InitializeAsync() =>
        _cluster = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"ef-tests-{Guid.NewGuid():N}"), throwaway: true);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public static async Task<string> NewDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await PostgresConfiguration.EnsureDatabaseAsync(Instance.ConnectionString("postgres"), name);
        return Instance.ConnectionString(name);
    }
}
