using System.CommandLine;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using Spectre.Console;

namespace EscalationForecast.Cli.Importing;

/// <summary>
/// <c>forecast import FILE... [--preset P] [--url U] [--batch-size N] [column options]</c>: sends CSV files to
/// <c>POST /api/v1/events</c> through the client library's pipeline. Exit codes: 0 every row stored (rows the
/// vocabulary cannot express, such as ceasefire extensions, are listed but do not count), 2 rows rejected locally
/// and everything else stored, 1 the server refused something or could not be reached, or bad arguments.
/// Re-running is always safe: ids derive from file name and row.
/// </summary>
internal static class ImportCommand
{
    public const int Stored = 0, Failed = 1, RowsRejected = 2;

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
        var url = new Option<string>("--url")
        {
            Description = "The server's base URL",
            DefaultValueFactory = _ => EscalationForecastClient.DefaultBaseAddress.ToString(),
        };
        url.Validators.Add(r =>
        {
            if (!IsHttpUrl(r.GetValueOrDefault<string>())) r.AddError("--url must be an absolute http(s) URL, e.g. http://127.0.0.1:5080");
        });
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Events per request, 1 to 10000", DefaultValueFactory = _ => EscalationForecastClient.MaxBatchSize,
        };
        batchSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > EscalationForecastClient.MaxBatchSize) r.AddError("--batch-size must be from 1 to 10000");
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check the files, send nothing" };
        var maxShown = new Option<int>("--max-rejections") { Description = "How many rejected rows to list", DefaultValueFactory = _ => 50 };
        var mapping = new MappingOptions();

        var command = new Command("import",
            "Import CSV files of events into the forecast service (exit 0 stored, 2 rows rejected, 1 failed)");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { preset, url, batchSize, dryRun, maxShown }) command.Options.Add(option);
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
                return Failed;
            }
            var options = new ImportOptions { BatchSize = parse.GetValue(batchSize), DryRun = parse.GetValue(dryRun) };
            using var client = new EscalationForecastClient(new Uri(parse.GetValue(url)!));
            var result = await ImportProgressView.RunAsync(terminal, client, options, sources, cancellationToken);
            ImportReport.Write(terminal, result, options.DryRun, parse.GetValue(maxShown));
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

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
