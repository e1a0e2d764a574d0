using System.Diagnostics;
using EscalationForecast.Api.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(RabbitMqBroker))]

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// A private RabbitMQ node (Debian's <c>rabbitmq-server</c>, which <c>.ci/run</c> installs) for the tests that need a
/// real broker: started the first time one asks (about 8 s), once per test run, and stopped when the run ends. Like
/// the test PostgreSQL it lives in a throwaway folder, runs as its own user (<c>rabbitmq</c>) when we are root, and
/// listens on 127.0.0.1 only, on free ports of its own (AMQP, Erlang distribution and its own epmd), with its own
/// node name and Erlang cookie (HOME is its folder), so parallel runs on one machine never meet. No plugins.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Control = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RabbitMqBroker? _started;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ef-rabbitmq-{Guid.NewGuid():N}");
    private readonly string _node = $"ef-{Guid.NewGuid():N}"[..15] + "@localhost";
    private readonly int _amqpPort = ServiceProcess.FreePort();
    private readonly int _epmdPort = ServiceProcess.FreePort();
    private readonly int _distPort = ServiceProcess.FreePort();
    private Process? _server;

    /// <summary>The AMQP URI of the running node (the default guest user, which RabbitMQ admits from loopback only).</summary>
    public string Uri => $"amqp://guest:guest@127.0.0.1:{_amqpPort}/";

    /// <summary>The node, started on first use.</summary>
    public static async Task<RabbitMqBroker> StartedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_started is not null) return _started;
            if (!File.Exists(Server)) throw new InvalidOperationException($"{Server} is missing: install it with `apt-get install -y rabbitmq-server` (.ci/run does).");
            var broker = new RabbitMqBroker();
            await broker.StartAsync();
            return _started = broker;
        }
        finally
        {
            Gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask; // nothing until a test asks

    public async ValueTask DisposeAsync()
    {
        if (_started is { } broker) await broker.StopAsync();
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_root, "log"));
        await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[].");
        if (AsRabbitMqUser) await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", _root]);
        _server = Process.Start(Command(Server, []))!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Eventually.UntilAsync(async () => _server.HasExited || await RunAsync(Control, ["-n", _node, "status"], check: false) == 0,
            TimeSpan.FromSeconds(90), $"the RabbitMQ node {_node} answering `rabbitmqctl status`", TimeSpan.FromMilliseconds(500));
        if (_server.HasExited) throw new InvalidOperationException($"RabbitMQ exited with {_server.ExitCode} at start; its logs are in {_root}/log.");
    }

    private async Task StopAsync()
    {
        await RunAsync(Control, ["-n", _node, "stop"], check: false);
        if (_server is not null && !await ExitedAsync(_server, TimeSpan.FromSeconds(30))) _server.Kill(entireProcessTree: true);
        await RunAsync("epmd", ["-port", _epmdPort.ToString(), "-kill"], check: false); // the node's own epmd outlives it otherwise
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<bool> ExitedAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); return true; } catch (OperationCanceledException) { return false; }
    }

    private static bool AsRabbitMqUser => Environment.UserName == "root";

    /// <summary>A RabbitMQ command with this node's environment, as the rabbitmq user when we are root.</summary>
    private ProcessStartInfo Command(string file, IReadOnlyList<string> arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _root, // the Erlang cookie lives here: the node and rabbitmqctl share it, nobody else
            ["RABBITMQ_NODENAME"] = _node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_root, "rabbitmq.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq"), // none there: the defaults
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_root, "advanced.config"),
        };
        var info = AsRabbitMqUser
            ? new ProcessStartInfo("runuser", ["-u", "rabbitmq", "--", "env", .. environment.Select(kv => $"{kv.Key}={kv.Value}"), file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        if (!AsRabbitMqUser) foreach (var (key, value) in environment) info.Environment[key] = value;
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.WorkingDirectory = "/";
        return info;
    }

    private async Task<int> RunAsync(string file, IReadOnlyList<string> arguments, bool check = true)
    {
        var info = file == "chown" ? new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true } : Command(file, arguments);
        using var process = Process.Start(info)!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        var text = await output;
        if (check && process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {string.Join('\n', text)}");
        return process.ExitCode;
    }
}
