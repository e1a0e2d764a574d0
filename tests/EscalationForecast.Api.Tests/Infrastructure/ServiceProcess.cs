using System.Collections.Concurrent;
using System.Diagnostics;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// The API as built beside the tests (same configuration), run as a process of its own, as a user runs it: its
/// arguments and environment, everything it prints, its exit code. Disposing kills it if it still runs.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ServiceProcess(Process process) => _process = process;

    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
            return Path.Combine(Repository.ApiSource, "bin", configuration, "net10.0", "EscalationForecast.Api.dll");
        }
    }

    public static ServiceProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) start.Environment[key] = value;
        var service = new ServiceProcess(Process.Start(start)!);
        service._process.OutputDataReceived += (_, e) => { if (e.Data is { } line) service._output.Enqueue(line); };
        service._process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) service._errors.Enqueue(line); };
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>
    /// Starts the service on a free port (unless <paramref name="arguments"/> give <c>--urls</c>), on
    /// <paramref name="connectionString"/> or else its embedded PostgreSQL, expecting it to end by itself: answers its
    /// exit code and the one line it wrote to standard error, and checks that it printed no stack trace.
    /// </summary>
    public static async Task<(int Code, string Sentence)> FailedStartAsync(string? connectionString, params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["Samples__LoadOnEmptyStore"] = "false" };
        if (connectionString is not null) environment["ConnectionStrings__Marten"] = connectionString;
        await using var service = Start(arguments.Contains("--urls") ? arguments : ["--urls", $"http://127.0.0.1:{FreePort()}", .. arguments], environment);
        var code = await service.ExitCodeAsync(TimeSpan.FromSeconds(90));
        Assert.DoesNotContain(service.Output.Concat(service.Errors), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return (code, Assert.Single(service.Errors));
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public IReadOnlyList<string> Output => _output.ToArray();
    public IReadOnlyList<string> Errors => _errors.ToArray();

    /// <summary>Waits for the process to end by itself; answers its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // the output streams' last lines
        return _process.ExitCode;
    }

    /// <summary>Waits until it answers ready on <paramref name="client"/>'s address; fails at once, with what it printed, if it ends first.</summary>
    public async Task WaitForReadyAsync(HttpClient client, TimeSpan timeout)
    {
        await Eventually.UntilAsync(async () => HasExited || await ReadyAsync(client), timeout, "the service process ready or ended");
        Assert.False(HasExited, "The service process ended:\n" + string.Join('\n', Output.Concat(Errors)));
    }

    /// <summary>Kills it (SIGKILL): nothing it kept in memory survives and no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static async Task<bool> ReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    /// <summary>Asks it to stop (SIGTERM, as a service manager does) and waits for it to end; answers its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        return await ExitCodeAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
