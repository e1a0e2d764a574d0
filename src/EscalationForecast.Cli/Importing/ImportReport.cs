using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Reading;
using Spectre.Console;

namespace EscalationForecast.Cli.Importing;

/// <summary>The end of an import: a line per file, then every row not stored with its reason, then what to do.</summary>
internal static class ImportReport
{
    public static void Write(IAnsiConsole console, ImportResult result, bool dryRun, int maxRejections)
    {
        console.Write(Summary(result, dryRun));
        var rejections = result.Rejections;
        if (rejections.Count > 0) console.Write(Rejections(rejections, maxRejections));
        foreach (var failure in result.Failures)
            console.MarkupLineInterpolated($"[red]{failure.Message}[/]");
        console.MarkupLine(Verdict(result, dryRun));
    }

    private static Table Summary(ImportResult result, bool dryRun)
    {
        var table = new Table().Title(dryRun ? "Dry run: nothing was sent" : "Import")
            .AddColumns("File", "Preset", "Rows", "Events", "Appended", "Duplicates", "Not stored", "Result");
        table.Columns[0].NoWrap();
        foreach (var column in table.Columns.Skip(2).Take(5)) column.RightAligned();
        foreach (var file in result.Files)
        {
            table.AddRow(Markup.Escape(file.File), file.Preset, $"{file.Rows:N0}", $"{file.Events:N0}", $"{file.Appended:N0}",
                $"{file.Duplicates:N0}", $"{file.Rejections.Count:N0}", Outcome(file.Outcome));
        }
        if (result.Files.Count > 1)
        {
            table.AddRow("[bold]total[/]", "", $"{result.Rows:N0}", $"{result.Events:N0}", $"{result.Appended:N0}",
                $"{result.Duplicates:N0}", $"{result.Rejections.Count:N0}", Outcome(result.Outcome));
        }
        return table;
    }

    private static Table Rejections(IReadOnlyList<RowRejection> rejections, int max)
    {
        var shown = rejections.Take(Math.Max(0, max)).ToList();
        var table = new Table().Title($"Rows not stored ({rejections.Count:N0})")
            .AddColumns("File", "Row", "Column", "Kind", "Reason");
        table.Columns[0].NoWrap();
        table.Columns[1].RightAligned();
        foreach (var r in shown)
            table.AddRow(Markup.Escape(r.File), $"{r.Row}", Markup.Escape(r.Column ?? ""), Kind(r.Kind), Markup.Escape(r.Reason));
        if (shown.Count < rejections.Count)
            table.Caption($"... and {rejections.Count - shown.Count:N0} more (raise --max-rejections to list them)");
        return table;
    }

    private static string Verdict(ImportResult result, bool dryRun) => result.Outcome switch
    {
        ImportOutcome.Complete when dryRun => "[green]Every row is valid.[/]",
        ImportOutcome.Complete => "[green]Every row is stored.[/]",
        ImportOutcome.RowsRejected => "[yellow]Rows listed as invalid were not sent; fix them and import the file again " +
                                      "(rows already stored are recognised and skipped).[/]",
        _ => "[red]Not everything was stored; see above, fix the cause and import again (already stored rows are skipped).[/]",
    };

    private static string Outcome(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Complete => "[green]stored[/]",
        ImportOutcome.RowsRejected => "[yellow]rows rejected[/]",
        _ => "[red]failed[/]",
    };

    private static string Kind(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => "[yellow]invalid[/]",
        RejectionKind.Unsupported => "[grey]skipped[/]",
        _ => "[red]server[/]",
    };
}
