using EscalationForecast.Client.Importing;
using Spectre.Console;

namespace EscalationForecast.Cli.Importing;

/// <summary>Runs the import under a Spectre.Console progress display: one bar per file, in events sent.</summary>
internal static class ImportProgressView
{
    public static async Task<ImportResult> RunAsync(IAnsiConsole console, IEventAppender appender, ImportOptions options,
        IReadOnlyList<ImportSource> sources, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            console.MarkupLineInterpolated(
                $"{source.FileName}: preset [bold]{source.Preset.Name}[/] [grey]({source.Preset.Description})[/]");
        }
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => new EventImporter(appender, options)
                .ImportAsync(sources, new Bars(context, options.DryRun), cancellationToken));
    }

    // Reports arrive synchronously on the importer's thread, before and after each batch; ProgressTask is thread-safe.
    private sealed class Bars(ProgressContext context, bool dryRun) : IProgress<ImportProgress>
    {
        private readonly Dictionary<int, ProgressTask> tasks = new();

        public void Report(ImportProgress value)
        {
            if (!tasks.TryGetValue(value.FileNumber, out var task))
            {
                var verb = dryRun ? "checked" : "events";
                task = context.AddTask(Markup.Escape($"{value.File} ({value.EventsTotal:N0} {verb})"),
                    maxValue: Math.Max(1, value.EventsTotal));
                tasks[value.FileNumber] = task;
                // Nothing more will be reported for an empty file or a dry run, so its bar is complete now.
                if (value.EventsTotal == 0 || dryRun) task.Value = task.MaxValue;
            }
            if (value.EventsTotal > 0 && !dryRun) task.Value = value.EventsSent;
            if (value.EventsSent == value.EventsTotal) task.StopTask();
        }
    }
}
