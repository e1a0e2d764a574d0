using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Importing;

/// <summary>A CSV to import: its name (ids derive from it), how to open it, and the preset that maps it.</summary>
public sealed record ImportSource(string FileName, Func<TextReader> Open, ImportPreset Preset)
{
    /// <summary>A file on disk; the preset is resolved by <see cref="ImportPresets.Resolve"/> when not given.</summary>
    public static ImportSource FromFile(string path, ImportPreset? preset = null) =>
        new(ImportIds.NameOf(path), () => new StreamReader(path, detectEncodingFromByteOrderMarks: true),
            preset ?? ImportPresets.Resolve(path));

    /// <summary>CSV text already in memory (tests, notebooks, embedded resources).</summary>
    public static ImportSource FromText(string fileName, string csv, ImportPreset? preset = null) =>
        new(fileName, () => new StringReader(csv), preset ?? ImportPresets.Resolve(fileName));
}

/// <summary>Batching and retry choices for an import.</summary>
public sealed record ImportOptions
{
    /// <summary>Events per <c>POST</c>, 1 to 10,000 (the contract's maximum, also the default).</summary>
    public int BatchSize { get; init; } = Http.EscalationForecastClient.MaxBatchSize;

    /// <summary>Read and check the files without sending anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>How many times a batch is retried after <c>429</c> or <c>503</c>, waiting as the server asks.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest wait between retries, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reported after each batch: how many of the current file's events have been sent (stored or refused) out of
/// its total. Context rows become one event per theater, so events, not rows, are what is counted.
/// </summary>
public sealed record ImportProgress(string File, int FileNumber, int FileCount, int EventsSent, int EventsTotal);
