using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace EscalationForecast.Notebooks.Tests;

/// <summary>The result of running a notebook headlessly: the process's exit and the executed notebook's outputs.</summary>
public sealed record NotebookRun(string Notebook, int ExitCode, string Log, string OutputPath, IReadOnlyList<NotebookOutput> Outputs)
{
    /// <summary>All text the cells wrote (stdout streams and text/plain results), in cell order.</summary>
    public string Text => string.Concat(Outputs.Select(o => o.Text));

    public IEnumerable<NotebookOutput> Errors => Outputs.Where(o => o.Kind == "error");

    public int Count(string mimeType) => Outputs.Count(o => o.MimeTypes.Contains(mimeType));

    public override string ToString() =>
        $"{Notebook}: exit {ExitCode}, {Outputs.Count} outputs, executed copy at {OutputPath}{Environment.NewLine}" +
        string.Join(Environment.NewLine, Errors.Select(e => "error: " + e.Text)) + Environment.NewLine + Log;
}

/// <param name="Kind">The output_type: stream, display_data, execute_result or error.</param>
/// <param name="Data">The rich payloads by MIME type (display_data, execute_result).</param>
public sealed record NotebookOutput(int Cell, string Kind, string Text, IReadOnlyDictionary<string, string> Data)
{
    public IReadOnlyCollection<string> MimeTypes => Data.Keys.ToArray();
}

/// <summary>
/// Runs the notebooks under <c>notebooks/</c> with the repository's local dotnet-repl tool
/// (<c>.config/dotnet-tools.json</c>): <c>dotnet tool run dotnet-repl --run X.ipynb --exit-after-run
/// --output-path Y.ipynb</c>, from the notebooks folder (relative <c>#r</c> and <c>#load</c> paths resolve against it).
/// Before the first run: a Release build of the CLI, whose output holds the assemblies the notebooks reference,
/// and <c>dotnet tool restore</c>.
/// </summary>
public static class NotebookRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string NotebooksDirectory => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>Executed copies, with outputs, are kept here for a look after the run (the test output folder).</summary>
    public static string ExecutedDirectory => Path.Combine(AppContext.BaseDirectory, "executed-notebooks");

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool prepared;

    /// <summary>Builds what the notebooks reference and restores the tool, once per test run.</summary>
    public static async Task PrepareAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (prepared) return;
            // Release, as the notebooks' #r paths say: a fresh clone has no such build, and the Debug build that
            // `dotnet test` made is not where an analyst's notebook looks. No build server or node reuse: a server
            // left running would hold this process's pipes open after the build.
            await Run("dotnet", ["build", Path.Combine(RepositoryRoot, "src", "EscalationForecast.Cli", "EscalationForecast.Cli.csproj"),
                "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:minimal"], RepositoryRoot, TimeSpan.FromMinutes(8), ct);
            await Run("dotnet", ["tool", "restore"], RepositoryRoot, TimeSpan.FromMinutes(5), ct);
            prepared = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<NotebookRun> RunNotebookAsync(string name, CancellationToken ct)
    {
        await PrepareAsync(ct);
        Directory.CreateDirectory(ExecutedDirectory);
        var output = Path.Combine(ExecutedDirectory, name);
        if (File.Exists(output)) File.Delete(output);
        var (exit, log) = await Run("dotnet",
            ["tool", "run", "dotnet-repl", "--run", Path.Combine(NotebooksDirectory, name), "--exit-after-run", "--output-format", "ipynb", "--output-path", output],
            NotebooksDirectory, TimeSpan.FromMinutes(10), ct, throwOnFailure: false);
        var outputs = File.Exists(output) ? ReadOutputs(output) : [];
        return new NotebookRun(name, exit, log, output, outputs);
    }

    public static IReadOnlyList<NotebookOutput> ReadOutputs(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var outputs = new List<NotebookOutput>();
        int cell = 0;
        foreach (var c in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            cell++;
            if (!c.TryGetProperty("outputs", out var list)) continue;
            foreach (var o in list.EnumerateArray())
            {
                var kind = o.GetProperty("output_type").GetString()!;
                var data = new Dictionary<string, string>();
                if (o.TryGetProperty("data", out var d))
                    foreach (var p in d.EnumerateObject()) data[p.Name] = Joined(p.Value);
                var text = kind switch
                {
                    "stream" => Joined(o.GetProperty("text")),
                    "error" => $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}",
                    _ => data.GetValueOrDefault("text/plain", ""),
                };
                outputs.Add(new NotebookOutput(cell, kind, text, data));
            }
        }
        return outputs;
    }

    // nbformat allows a string or an array of lines.
    private static string Joined(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static async Task<(int Exit, string Log)> Run(string file, string[] args, string directory, TimeSpan timeout,
        CancellationToken ct, bool throwOnFailure = true)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        // The test host may run inside an MSBuild-launched process tree; a nested build must find its own SDK.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var log = new StringBuilder();
        var stdout = Pump(process.StandardOutput, log);
        var stderr = Pump(process.StandardError, log);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}:{Environment.NewLine}{log}");
        }
        if (throwOnFailure && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}:{Environment.NewLine}{log}");
        return (process.ExitCode, log.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder log)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (log) log.AppendLine(line);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EscalationForecast.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (EscalationForecast.sln) is not above the test's folder.");
    }
}
