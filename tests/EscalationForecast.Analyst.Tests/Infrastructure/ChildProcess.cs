using System.Diagnostics;
using System.Text;

namespace EscalationForecast.Analyst.Tests.Infrastructure;

/// <summary>
/// Runs a program the way a shell would (python3, node, npm, dotnet and its tools) with the service's address in its
/// environment; answers its exit code and everything it printed. A run past its timeout is killed with its children
/// (a notebook's kernel among them).
/// </summary>
public static class ChildProcess
{
    public static async Task<(int Exit, string Log)> RunAsync(string file, IEnumerable<string> arguments, string directory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        // The test host may run inside an MSBuild-launched process tree; a nested build must find its own SDK.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var log = new StringBuilder();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, log), Pump(process.StandardError, log));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            await pumps.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}:\n{log}");
        }
        return (process.ExitCode, log.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder log)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (log) log.AppendLine(line);
    }
}

/// <summary>Debian's <c>/usr/bin/python3</c>, the interpreter the README tells analysts to use, with the packages <c>.ci/run</c> installs.</summary>
public static class PythonProcess
{
    public const string Interpreter = "/usr/bin/python3";

    public static Task<(int Exit, string Log)> RunAsync(IEnumerable<string> arguments, string directory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken ct) =>
        ChildProcess.RunAsync(Interpreter, arguments, directory, new Dictionary<string, string>(environment)
        {
            ["PYTHONDONTWRITEBYTECODE"] = "1", // no __pycache__ left in the checkout
            ["MPLBACKEND"] = "Agg",
        }, timeout, ct);
}
