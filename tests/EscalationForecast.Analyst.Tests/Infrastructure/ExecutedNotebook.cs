using System.Text.Json;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Analyst.Tests.Infrastructure;

/// <param name="Kind">The output_type: stream, display_data, execute_result or error.</param>
/// <param name="Data">The rich payloads by MIME type (display_data, execute_result).</param>
public sealed record NotebookOutput(int Cell, string Kind, string Text, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// A notebook under <c>notebooks/</c> executed headlessly by Jupyter (<c>python3 -m nbconvert --execute</c>, the
/// python3 kernel of Debian's ipykernel, working directory <c>notebooks/</c>), its executed copy kept in the test
/// output's <c>executed-notebooks/</c> for a look after the run, and the outputs of its cells.
/// </summary>
public sealed record ExecutedNotebook(string Notebook, int ExitCode, string Log, string OutputPath, IReadOnlyList<NotebookOutput> Outputs)
{
    public static string Directory => Path.Combine(Repository.Root, "notebooks");

    public static string ExecutedDirectory => Path.Combine(AppContext.BaseDirectory, "executed-notebooks");

    /// <summary>All text the cells wrote (streams and text/plain results), in cell order.</summary>
    public string Text => string.Concat(Outputs.Select(o => o.Text));

    public IEnumerable<NotebookOutput> Errors => Outputs.Where(o => o.Kind == "error");

    public int Images => Outputs.Count(o => o.Data.ContainsKey("image/png"));

    public static async Task<ExecutedNotebook> RunAsync(string name, AnalystService service, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(ExecutedDirectory);
        var output = Path.Combine(ExecutedDirectory, name);
        if (File.Exists(output)) File.Delete(output);
        var (exit, log) = await PythonProcess.RunAsync(
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900",
             "--ExecutePreprocessor.kernel_name=python3", "--output-dir", ExecutedDirectory, "--output", name, Path.Combine(Directory, name)],
            Directory, service.Environment, TimeSpan.FromMinutes(20), ct);
        return new ExecutedNotebook(name, exit, log, output, File.Exists(output) ? Read(output) : []);
    }

    public static IReadOnlyList<NotebookOutput> Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var outputs = new List<NotebookOutput>();
        var cell = 0;
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

    public override string ToString() =>
        $"{Notebook}: exit {ExitCode}, {Outputs.Count} outputs, executed copy at {OutputPath}\n" +
        string.Join('\n', Errors.Select(e => "error: " + e.Text)) + "\n" + Log;
}
