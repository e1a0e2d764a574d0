using EscalationForecast.Api.Hosting;
using Npgsql;

namespace EscalationForecast.Api.Tests.Hosting;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Data_survives_a_stop_and_start_and_a_running_cluster_is_adopted()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ef-embedded-{Guid.NewGuid():N}");
        try
        {
            var first = await EmbeddedPostgres.StartAsync(root);
            await PostgresConfiguration.EnsureDatabaseAsync(first.ConnectionString("postgres"), "kept");
            await ExecuteAsync(first.ConnectionString("kept"), "create table t (v text); insert into t values ('still here')");

            // A second start while it runs (as after the service was killed) reuses the same server.
            var adopted = await EmbeddedPostgres.StartAsync(root);
            Assert.Equal(first.Port, adopted.Port);
            await first.DisposeAsync();

            var again = await EmbeddedPostgres.StartAsync(root);
            Assert.Equal("still here", await ExecuteAsync(again.ConnectionString("kept"), "select v from t"));
            Assert.True(File.Exists(Path.Combine(root, "password")));
            await again.DisposeAsync();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(again.ConnectionString("kept"), "select 1"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Missing_binaries_get_one_sentence_saying_how_to_install_or_where_to_point()
    {
        var ex = Assert.Throws<StartFailure>(() => PostgresBinaries.Locate([Path.GetTempPath()]));
        Assert.Contains("apt-get install postgresql", ex.Message);
        Assert.Contains("ConnectionStrings:Marten", ex.Message);
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
