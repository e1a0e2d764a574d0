using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using Spectre.Console;

namespace EscalationForecast.Cli.Importing;

/// <summary>
/// <c>forecast import FILE... [--preset P] [--url U] [--api-key K] [--batch-size N] [--json] [column options]</c>: sends
/// CSV files to <c>POST /api/v1/events</c> through the client library's pipeline. Exit codes: 0 every row stored (rows
/// the vocabulary cannot express, such as ceasefire extensions, are listed but do not count), 65 rows rejected locally
/// and everything else stored, 1 the server refused something or could not be reached, 2 bad arguments.
/// Re-running is always safe: ids derive from file name and row.
/// </summary>
internal static class ImportCommand
{
    public const int Stored = ExitCodes.Ok, Failed = ExitCodes.Failed, RowsRejected = ExitCodes.DataRejected;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(IAnsiConsole? console = null)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "CSV files to import" };
        files.AcceptExistingOnly();
        var preset = new Option<string?>("--preset", "-p")
        {
            Description = $"How to read the files: {string.Join(", ", ImportPresets.Names)}. " +
                          "Default: chosen by file name, else generic",
            HelpName = "PRESET",
        };
        preset.AcceptOnlyFromAmong(ImportPresets.Names.ToArray());
        var connection = new Connection();
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Events per request, 1 to 10000", DefaultValueFactory = _ => EscalationForecastClient.MaxBatchSize,
        };
        batchSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > EscalationForecastClient.MaxBatchSize) r.AddError("--batch-size must be from 1 to 10000");
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check the files, send nothing" };
        var json = new Option<bool>("--json") { Description = "Print the result (counts, every rejected row, failures) as JSON" };
        var maxShown = new Option<int>("--max-rejections") { Description = "How many rejected rows to list", DefaultValueFactory = _ => 50 };
        var mapping = new MappingOptions();

        var command = new Command("import",
            "Import CSV files of events into the forecast service (exit 0 stored, 65 rows rejected, 1 failed, 2 usage)");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { preset, batchSize, dryRun, json, maxShown }) command.Options.Add(option);
        connection.AddTo(command);
        mapping.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            List<ImportSource> sources;
            try
            {
                var columns = mapping.Read(parse);
                sources = parse.GetValue(files)!.Select(f => ImportSource.FromFile(f.FullName,
                    ImportPresets.Resolve(f.Name, parse.GetValue(preset), columns))).ToList();
            }
            catch (ArgumentException e)
            {
                terminal.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return ExitCodes.Usage;
            }
            var options = new ImportOptions { BatchSize = parse.GetValue(batchSize), DryRun = parse.GetValue(dryRun) };
            using var client = connection.Connect(parse);
            var asJson = parse.GetValue(json);
            var result = asJson
                ? await new EventImporter(client, options).ImportAsync(sources, progress: null, cancellationToken)
                : await ImportProgressView.RunAsync(terminal, client, options, sources, cancellationToken);
            if (asJson) await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                result.Outcome, result.Rows, result.Events, result.Appended, result.Duplicates, result.Rejections, result.Failures, result.Files,
            }, Json));
            else ImportReport.Write(terminal, result, options.DryRun, parse.GetValue(maxShown));
            return ExitCode(result.Outcome);
        });
        return command;
    }

    public static int ExitCode(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Complete => Stored,
        ImportOutcome.RowsRejected => RowsRejected,
        _ => Failed,
    };
}
