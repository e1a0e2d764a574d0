using System.Net;
using System.Net.Sockets;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Storage;
using EscalationForecast.Api.Tests.Infrastructure;
using Npgsql;

namespace EscalationForecast.Api.Tests.Hosting;

/// <summary>
/// The service run as a user runs it: a start that cannot succeed ends at once with one sentence on standard error
/// saying what to do, and an exit code that tells the cause, never a stack trace; and the embedded PostgreSQL finds a
/// place the <c>postgres</c> user can reach when the checkout is in a folder only root may enter.
/// </summary>
public sealed class StartFailuresTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_taken_port_is_named_with_another_to_use()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, sentence) = await ServiceProcess.FailedStartAsync(await OnDatabaseAsync(), "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(StartFailure.Unavailable, code);
        Assert.StartsWith($"EscalationForecast cannot start: Another program is listening on http://127.0.0.1:{port}: stop it", sentence);
    }

    [Fact]
    public async Task A_server_that_refuses_the_password_is_told_without_the_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(await PostgresCluster.NewDatabaseAsync(nameof(StartFailuresTests))) { Password = "not-the-password" };
        var (code, sentence) = await ServiceProcess.FailedStartAsync(wrong.ConnectionString);
        Assert.Equal(StartFailure.NoPermission, code);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{wrong.Port} refused the credentials of ConnectionStrings:Marten", sentence);
        Assert.DoesNotContain("not-the-password", sentence);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named()
    {
        using var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop(); // nothing listens there now
        var (code, sentence) = await ServiceProcess.FailedStartAsync($"Host=127.0.0.1;Port={port};Database=x;Username=u;Password=p;Timeout=3");
        Assert.Equal(StartFailure.Unavailable, code);
        Assert.Equal($"EscalationForecast cannot start: PostgreSQL at 127.0.0.1:{port} does not answer: start it, or correct the host and port in ConnectionStrings:Marten.", sentence);
    }

    [Fact]
    public async Task A_database_written_by_a_newer_release_is_refused_before_it_is_touched()
    {
        var database = await PostgresCluster.NewDatabaseAsync(nameof(StartFailuresTests));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var newer = new NpgsqlCommand(
                $"create table public.{SchemaVersion.TableName} (id int primary key, version int not null); insert into public.{SchemaVersion.TableName} values (1, {SchemaVersion.Current + 1})",
                connection);
            await newer.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var (code, sentence) = await ServiceProcess.FailedStartAsync(database);
        Assert.Equal(StartFailure.Configuration, code);
        Assert.Contains($"holds schema version {SchemaVersion.Current + 1}, written by a newer EscalationForecast", sentence);
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync(TestContext.Current.CancellationToken);
        await using var tables = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = 'public'", check);
        Assert.Equal(1L, await tables.ExecuteScalarAsync(TestContext.Current.CancellationToken)); // neither Marten nor Wolverine created anything
    }

    [Fact]
    public async Task Missing_postgresql_binaries_say_how_to_install_them()
    {
        var empty = Directory.CreateTempSubdirectory("ef-no-postgres-");
        try
        {
            var (code, sentence) = await ServiceProcess.FailedStartAsync(null, $"--EmbeddedPostgres:BinDirectory={empty.FullName}", $"--EmbeddedPostgres:Root={empty.FullName}/pg");
            Assert.Equal(StartFailure.Unavailable, code);
            Assert.Contains("apt-get install postgresql", sentence);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_of_another_user_says_whose_it_is_and_how_to_give_it_back()
    {
        if (!EmbeddedPostgres.RunsAsPostgresUser) Assert.Skip("The embedded cluster runs as its caller: every folder the caller makes is its own.");
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ef-owned-{Guid.NewGuid():N}")); // open to postgres, unlike a temp subdirectory
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "data")); // made by root, as a cluster restored by hand would be
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "data", "PG_VERSION"), "15", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "password"), "x", TestContext.Current.CancellationToken);
            var (code, sentence) = await ServiceProcess.FailedStartAsync(null, $"--EmbeddedPostgres:Root={root.FullName}");
            Assert.Equal(StartFailure.NoPermission, code);
            Assert.Contains($"data folder {root.FullName}/data belongs to root, not to postgres who runs it", sentence);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_checkout_only_root_may_enter_runs_its_embedded_postgresql_where_postgres_can_reach()
    {
        if (!EmbeddedPostgres.RunsAsPostgresUser) Assert.Skip("Only a cluster run as the postgres user can be shut out of the checkout.");
        var home = Directory.CreateTempSubdirectory("ef-checkout-"); // 0700, as /root and every mktemp -d folder are
        var contentRoot = Directory.CreateDirectory(Path.Combine(home.FullName, "checkout", "src", "EscalationForecast.Api")).FullName;
        var port = ServiceProcess.FreePort();
        await using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot, "--Samples:LoadOnEmptyStore=false"]);
        string? fallback = null;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await service.WaitForReadyAsync(client, StartTimeout);
            var moved = service.Output.First(line => line.Contains("The postgres user cannot reach"));
            Assert.Contains($"{contentRoot}/.data/postgres", moved);
            fallback = Assert.Single(Directory.GetDirectories(EmbeddedPostgres.FallbackParent),
                d => moved.Contains(d));
            Assert.True(File.Exists(Path.Combine(fallback, "data", "PG_VERSION")));
            Assert.Equal(0, await service.StopAsync(StartTimeout));
        }
        finally
        {
            home.Delete(recursive: true);
            if (fallback is not null && service.HasExited) Directory.Delete(fallback, recursive: true);
        }
    }

    private static async Task<string> OnDatabaseAsync() => await PostgresCluster.NewDatabaseAsync(nameof(StartFailuresTests));
}
