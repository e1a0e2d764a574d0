using EscalationForecast.Client.Events;

namespace EscalationForecast.Client.Reading;

/// <summary>
/// A CSV file read through a preset: the events to send and the rows that were not mapped.
/// Every data row ends up either among <see cref="Events"/> (one or more) or in <see cref="Rejections"/>,
/// so <see cref="RowsMapped"/> + rejected rows = <see cref="Rows"/>. A file the preset cannot read at all (a header
/// without a needed column, an empty file) has <see cref="FileProblem"/> instead, and no rows.
/// </summary>
/// <param name="FileName">The name (not the path) the ids were derived from.</param>
/// <param name="Rows">Data rows read (header and blank lines excluded).</param>
public sealed record EventFile(
    string FileName, string Preset, int Rows, IReadOnlyList<SourcedEvent> Events, IReadOnlyList<RowRejection> Rejections)
{
    public int RowsMapped => Events.Select(e => e.Row).Distinct().Count();

    /// <summary>Why nothing could be read (row 1 is the header); null when the rows were read.</summary>
    public RowRejection? FileProblem { get; init; }
}

/// <summary>Why a row was not (fully) stored.</summary>
public enum RejectionKind
{
    /// <summary>The row's data is wrong or incomplete: fix the file and re-import (ids make that safe).</summary>
    Invalid,

    /// <summary>The row is well-formed but has no counterpart in the event vocabulary (e.g. a ceasefire extension).</summary>
    Unsupported,

    /// <summary>The server refused the row's event (400/409 item error); the other items of the batch were re-sent.</summary>
    Server,
}

/// <summary>A row that was not stored: the file, the row (header = row 1), the column when known, and what to do.</summary>
public sealed record RowRejection(string File, int Row, string? Column, string Reason, RejectionKind Kind = RejectionKind.Invalid)
{
    public override string ToString() =>
        $"{File} row {Row}{(Column is null ? "" : $", column '{Column}'")}: {Reason}";
}

/// <summary>An event mapped from a CSV row; the row is kept so a server refusal can be reported against it.</summary>
public sealed record SourcedEvent(EventItem Item, int Row);

/// <summary>
/// Thrown by a preset's mapper to reject the current row (or, from the header check, the whole file);
/// the reader turns it into a <see cref="RowRejection"/>, so it never escapes <see cref="EventFileReader"/>.
/// </summary>
public sealed class RowRejectedException(string? column, string reason, RejectionKind kind = RejectionKind.Invalid)
    : Exception(reason)
{
    public string? Column { get; } = column;
    public string Reason { get; } = reason;
    public RejectionKind Kind { get; } = kind;
}
