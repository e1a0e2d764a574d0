using System.IO.Enumeration;
using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// How one kind of CSV file becomes events: which columns it needs, which theater and channel each row goes to,
/// and the ids. Presets are stateless; <see cref="CreateMapper"/> returns a mapper for one file, which may keep
/// state across rows (a ceasefire's end refers back to its declaration).
/// </summary>
public abstract class ImportPreset
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>File-name globs (<c>*</c>, <c>?</c>; case-insensitive) that select this preset when none is given.</summary>
    public virtual IReadOnlyList<string> FileNamePatterns => [];

    /// <summary>Checks the header and returns the mapper for one file.</summary>
    /// <param name="fileName">The file's name (not path): ids are derived from it.</param>
    /// <exception cref="RowRejectedException">when the header lacks a column the preset needs.</exception>
    public abstract IRowMapper CreateMapper(string fileName, CsvHeader header);

    public bool Matches(string fileName) =>
        FileNamePatterns.Any(p => FileSystemName.MatchesSimpleExpression(p, ImportIds.NameOf(fileName)));

    public override string ToString() => Name;
}

/// <summary>Maps one data row to its events, or throws <see cref="RowRejectedException"/> to reject it.</summary>
public interface IRowMapper
{
    IReadOnlyList<EventItem> Map(CsvRow row);
}
