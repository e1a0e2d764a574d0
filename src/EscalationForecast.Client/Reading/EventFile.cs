namespace EscalationForecast.Client.Reading;

/// <summary>
/// A CSV file read through a preset: the events to send and the rows that were not mapped.
/// Every data row ends up either among <see cref="Events"/> (one or more) or in <see cref="Rejections"/>,
/// so <see cref="RowsMapped"/> + rejected rows = <see cref="Rows"/>. A header problem is a rejection at row 1
/// and leaves <see cref="Rows"/> at 0: nothing was read.
/// </summary>
/// <param name="FileName">The name (not the path) the ids were derived from.</param>
/// <param name="Rows">Data rows read (header and blank lines excluded).</param>
public sealed record EventFile(
    string FileName, string Preset, int Rows, IReadOnlyList<SourcedEvent> Events, IReadOnlyList<RowRejection> Rejections)
{
    public int RowsMapped => Events.Select(e => e.Row).Distinct().Count();
}
