using EscalationForecast.Client.Http;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Importing;

/// <summary>How an import went, from the caller's point of view (the CLI turns it into its exit code).</summary>
public enum ImportOutcome
{
    /// <summary>Every row is stored (appended or already there), apart from rows the vocabulary cannot express.</summary>
    Complete,

    /// <summary>The server stored everything it was sent, but some rows were invalid locally and not sent.</summary>
    RowsRejected,

    /// <summary>The server refused items or a batch, or could not be reached: something valid may not be stored.</summary>
    Failed,
}

/// <summary>A batch that could not be stored, and the rows from which nothing more of the file was sent.</summary>
public sealed record ImportFailure(int? FromRow, int EventsNotSent, string Message, ApiProblem? Problem = null);

/// <summary>One file's import: rows read, events sent, what the server said, and every row not stored.</summary>
public sealed record FileImportResult(
    string File, string Preset, int Rows, int Events, int Appended, int Duplicates, long? LastSequence,
    IReadOnlyList<RowRejection> Rejections, ImportFailure? Failure)
{
    public ImportOutcome Outcome =>
        Failure is not null || Rejections.Any(r => r.Kind == RejectionKind.Server) ? ImportOutcome.Failed
        : Rejections.Any(r => r.Kind == RejectionKind.Invalid) ? ImportOutcome.RowsRejected
        : ImportOutcome.Complete;
}

/// <summary>All files of an import, with totals.</summary>
public sealed record ImportResult(IReadOnlyList<FileImportResult> Files)
{
    public int Rows => Files.Sum(f => f.Rows);
    public int Events => Files.Sum(f => f.Events);
    public int Appended => Files.Sum(f => f.Appended);
    public int Duplicates => Files.Sum(f => f.Duplicates);
    public IReadOnlyList<RowRejection> Rejections => Files.SelectMany(f => f.Rejections).ToArray();
    public IReadOnlyList<ImportFailure> Failures => Files.Select(f => f.Failure).OfType<ImportFailure>().ToArray();

    /// <summary>The worst outcome of any file.</summary>
    public ImportOutcome Outcome => Files.Count == 0 ? ImportOutcome.Complete : Files.Max(f => f.Outcome);
}
