using EscalationForecast.Client.Http;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Importing;

/// <summary>
/// The import pipeline shared by <c>forecast import</c> and the server's first-start sample loader: read each file
/// through its preset, send its events in batches of up to 10,000, report progress after every batch, and add up
/// what the server stored and every row that was not. Files are independent: one that fails does not stop the next.
/// Re-running an import is safe, because ids derive from file and row and the server ignores exact repeats.
/// </summary>
public sealed class EventImporter(IEventAppender appender, ImportOptions? options = null)
{
    private readonly ImportOptions options = Validated(options ?? new ImportOptions());

    public async Task<ImportResult> ImportAsync(
        IReadOnlyList<ImportSource> sources, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = new List<FileImportResult>();
        for (var i = 0; i < sources.Count; i++)
        {
            var file = Read(sources[i], out var unreadable);
            files.Add(unreadable ?? await SendAsync(file!, progress, i + 1, sources.Count, cancellationToken));
        }
        return new ImportResult(files);
    }

    /// <summary>Sends an already-read file (e.g. after showing its rejections) and reports on it.</summary>
    public async Task<FileImportResult> SendAsync(EventFile file, IProgress<ImportProgress>? progress = null,
        int fileNumber = 1, int fileCount = 1, CancellationToken cancellationToken = default)
    {
        if (file.FileProblem is { } problem)
        {
            return new FileImportResult(file.FileName, file.Preset, 0, 0, 0, 0, null, [],
                new ImportFailure(null, 0, $"{file.FileName} was not imported: {problem.Reason}" +
                    (problem.Column is null ? "." : $" (column '{problem.Column}', row {problem.Row})."), null));
        }
        var events = file.Events;
        var sender = new BatchSender(appender, options, file.FileName);
        progress?.Report(new ImportProgress(file.FileName, fileNumber, fileCount, 0, events.Count));
        ImportFailure? failure = null;
        for (var start = 0; start < events.Count && !options.DryRun && failure is null; start += options.BatchSize)
        {
            var batch = Slice(events, start, Math.Min(options.BatchSize, events.Count - start));
            try
            {
                await sender.SendAsync(batch, cancellationToken);
            }
            catch (Exception e) when (Unsendable(e, cancellationToken) is { } why)
            {
                failure = new ImportFailure(events[sender.Processed].Row, events.Count - sender.Processed,
                    $"{why} Rows from {events[sender.Processed].Row} on were not stored; fix the cause and re-run " +
                    "the import (already stored rows are recognised and skipped).", (e as ForecastApiException)?.Problem);
            }
            progress?.Report(new ImportProgress(file.FileName, fileNumber, fileCount, sender.Processed, events.Count));
        }
        return new FileImportResult(file.FileName, file.Preset, file.Rows, events.Count, sender.Appended, sender.Duplicates,
            sender.LastSequence, [.. file.Rejections, .. sender.Rejections.OrderBy(r => r.Row)], failure);
    }

    private static EventFile? Read(ImportSource source, out FileImportResult? unreadable)
    {
        unreadable = null;
        try
        {
            using var reader = source.Open();
            return EventFileReader.Read(source.FileName, reader, source.Preset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unreadable = new FileImportResult(source.FileName, source.Preset.Name, 0, 0, 0, 0, null, [],
                new ImportFailure(null, 0, $"Cannot read {source.FileName}: {e.Message}"));
            return null;
        }
    }

    // The reasons a batch cannot be stored that are worth reporting rather than crashing on; cancellation still propagates.
    private static string? Unsendable(Exception e, CancellationToken cancellationToken) => e switch
    {
        ForecastApiException api => $"The server refused a batch: {api.Message.TrimEnd('.')}.",
        HttpRequestException http => $"Could not reach the server ({http.Message}); is it running at that address?",
        TaskCanceledException when !cancellationToken.IsCancellationRequested => "The server did not answer in time.",
        _ => null,
    };

    private static SourcedEvent[] Slice(IReadOnlyList<SourcedEvent> events, int start, int count)
    {
        var slice = new SourcedEvent[count];
        for (var i = 0; i < count; i++) slice[i] = events[start + i];
        return slice;
    }

    private static ImportOptions Validated(ImportOptions options) =>
        options.BatchSize is < 1 or > EscalationForecastClient.MaxBatchSize
            ? throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize,
                $"BatchSize must be from 1 to {EscalationForecastClient.MaxBatchSize:N0}.")
            : options;
}
