using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace EscalationForecast.Api.Hosting;

/// <summary>
/// A private PostgreSQL cluster in a local directory: initialised on first use, started on a free
/// loopback port, stopped on <see cref="DisposeAsync"/>. When we run as root the cluster runs as the
/// <c>postgres</c> user, because <c>initdb</c> and <c>postgres</c> refuse to run as root; its directory must then
/// be one that user can reach (<see cref="PlaceAsync"/>). A cluster that cannot start says why in one sentence
/// (<see cref="StartFailure"/>).
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private readonly string _binDirectory;
    private readonly bool _throwaway;
    private readonly bool _asPostgresUser;

    private EmbeddedPostgres(string root, string binDirectory, bool throwaway)
    {
        _dataDirectory = Path.Combine(root, "data");
        _logFile = Path.Combine(root, "postgres.log");
        _binDirectory = binDirectory;
        _throwaway = throwaway;
        _asPostgresUser = RunsAsPostgresUser;
        Root = root;
    }

    /// <summary>Started as root, the cluster runs as the <c>postgres</c> user.</summary>
    public static bool RunsAsPostgresUser => Environment.UserName == "root";

    /// <summary>Where clusters go whose default place the <c>postgres</c> user cannot reach.</summary>
    public const string FallbackParent = "/var/lib/escalation-forecast";

    /// <summary>
    /// Where a cluster meant for <paramref name="root"/> keeps its files: <paramref name="root"/> when the user who runs
    /// the cluster can reach it. Otherwise (a checkout in a folder only root may enter, such as <c>/root</c>), a
    /// default place moves to a folder of its own under <see cref="FallbackParent"/>, named after
    /// <paramref name="root"/>'s path so two checkouts never share one; a configured place is a
    /// <see cref="StartFailure"/> naming the folder that is closed.
    /// </summary>
    public static async Task<string> PlaceAsync(string root, bool configured, CancellationToken ct = default)
    {
        root = Path.GetFullPath(root);
        if (!RunsAsPostgresUser) return root;
        // The folder itself is handed to postgres when the cluster is made; the folders above it must let postgres through.
        var nearest = new DirectoryInfo(root).Parent ?? new DirectoryInfo(root);
        while (!nearest.Exists && nearest.Parent is { } parent) nearest = parent;
        if (await RunAsPostgresAsync(["test", "-x", nearest.FullName], ct) == 0) return root;
        if (configured)
        {
            throw new StartFailure(
                $"The postgres user, who runs the embedded PostgreSQL, cannot enter {nearest.FullName} on the way to EmbeddedPostgres:Root ({root}): " +
                "choose a folder it can reach, or leave EmbeddedPostgres:Root unset and the service chooses one.", StartFailure.NoPermission);
        }
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12];
        return Path.Combine(FallbackParent, $"postgres-{key}");
    }

    public string Root { get; }
    public int Port { get; private set; }
    public string Password { get; private set; } = "";

    /// <summary>The connection string of a database on this cluster (created when missing).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};" +
        "Maximum Pool Size=50;Include Error Detail=true";

    /// <summary>Starts (initialising if needed) the cluster whose files live under <paramref name="root"/>.</summary>
    /// <param name="throwaway">A test cluster: no fsync, deleted on dispose.</param>
    /// <param name="binDirectory">where initdb and pg_ctl are (<see cref="PostgresBinaries.Locate(string?)"/>)</param>
    public static async Task<EmbeddedPostgres> StartAsync(string root, bool throwaway = false, string? binDirectory = null, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate(binDirectory);
        var cluster = new EmbeddedPostgres(Path.GetFullPath(root), bin, throwaway);
        try
        {
            await cluster.StartAsync(ct);
        }
        catch (ToolFailed failed)
        {
            throw new StartFailure(
                $"The embedded PostgreSQL in {cluster.Root} did not start ({failed.FirstLine}): its log is {cluster._logFile}; " +
                "to begin afresh, stop the service and delete that folder.", StartFailure.Unavailable);
        }
        return cluster;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        await CheckOwnerAsync(ct);
        var passwordFile = Path.Combine(Root, "password");
        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(passwordFile, ct);
        }
        Password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        var running = RunningPort();
        if (running is { } port)
        {
            Port = port; // left running by a process that was killed: adopt it
            return;
        }

        Port = Port != 0 ? Port : FreeLoopbackPort(); // a restart keeps the port, so connection strings stay valid
        // Room for bulk imports: fewer checkpoints (and so fewer full-page images in the WAL), a bigger cache; and
        // statistics that follow an import within seconds (the default looks once a minute): under the statistics of
        // an empty table, the projection daemon's page query sorts every unread event to return the first 5,000.
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300" +
                       " -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=on" +
                       " -c autovacuum_naptime=5s";
        if (_throwaway)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
        await RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", _logFile, "-w", "-t", "60", "-o", settings, "start"], ct);
    }

    private async Task InitialiseAsync(string passwordFile, CancellationToken ct)
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true); // a half-made cluster from an interrupted initdb
        }
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // initdb reads the password from a file the cluster's user can read; it is removed straight after.
        var initPasswordFile = Path.Combine(Root, ".initdb-password");
        await File.WriteAllTextAsync(initPasswordFile, password, ct);
        try
        {
            if (_asPostgresUser)
            {
                await RunRawAsync("chown", ["-R", "postgres:postgres", Root], ct);
                await RunRawAsync("chown", ["root:root", passwordFile], ct);
            }
            await RunAsync("initdb", ["-D", _dataDirectory, "-U", "postgres", "--auth=scram-sha-256",
                $"--pwfile={initPasswordFile}", "-E", "UTF8", "--locale=C", "--no-instructions"], ct);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
    }

    /// <summary>The port of a postmaster already serving this data directory, if one is alive.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null; // stale pid file: postgres removes it itself on the next start
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunRawAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ct)
            : RunRawAsync(path, arguments, ct);
    }

    private static async Task RunRawAsync(string file, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new ToolFailed($"{file} {string.Join(' ', arguments)}", process.ExitCode, $"{await stderr}{await stdout}");
        }
    }

    /// <summary>The exit code of a command run as the <c>postgres</c> user (its output discarded).</summary>
    private static async Task<int> RunAsPostgresAsync(IReadOnlyList<string> command, CancellationToken ct)
    {
        var info = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in (string[])["-u", "postgres", "--", .. command]) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start runuser.");
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct), process.WaitForExitAsync(ct));
        return process.ExitCode;
    }

    /// <summary>
    /// A data folder made by another user (a cluster initialised by hand, files restored from elsewhere) cannot be
    /// started by this one: say so, and how to give it back, rather than let pg_ctl fail on a permission.
    /// </summary>
    private async Task CheckOwnerAsync(CancellationToken ct)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(_dataDirectory)) return;
        var info = new ProcessStartInfo("stat", ["-c", "%U", _dataDirectory]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var owner = (await process.StandardOutput.ReadToEndAsync(ct)).Trim();
        await process.WaitForExitAsync(ct);
        var user = _asPostgresUser ? "postgres" : Environment.UserName;
        if (process.ExitCode == 0 && owner != user)
        {
            throw new StartFailure(
                $"The embedded PostgreSQL's data folder {_dataDirectory} belongs to {owner}, not to {user} who runs it: " +
                $"give it back (chown -R {user}: {Root}) or set EmbeddedPostgres:Root to another folder.", StartFailure.NoPermission);
        }
    }

    /// <summary>A PostgreSQL tool that failed, with what it printed.</summary>
    private sealed class ToolFailed(string command, int exitCode, string output)
        : Exception($"'{command}' failed with exit code {exitCode}: {output}")
    {
        public string FirstLine => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {exitCode}";
    }

    /// <summary>Stops the server, keeping its files (to test what clients do while the database is away).</summary>
    public Task StopAsync(CancellationToken ct = default) =>
        RunAsync("pg_ctl", ["-D", _dataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], ct);

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task RestartAsync(CancellationToken ct = default) => StartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (RunningPort() is not null)
        {
            await RunAsync("pg_ctl", ["-D", _dataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], CancellationToken.None);
        }
        if (_throwaway)
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
