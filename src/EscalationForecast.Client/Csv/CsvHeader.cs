using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Csv;

/// <summary>The header record: column names, looked up case-insensitively and ignoring surrounding spaces.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> index = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(IReadOnlyList<string> names)
    {
        Names = names.Select(n => n.Trim()).ToArray();
        for (var i = 0; i < Names.Count; i++) index.TryAdd(Names[i], i);
    }

    public IReadOnlyList<string> Names { get; }

    public bool Has(string column) => index.ContainsKey(column);

    public int IndexOf(string column) => index.GetValueOrDefault(column, -1);

    /// <summary>The first of <paramref name="candidates"/> present in the header, as the header spells it.</summary>
    public string? FindFirst(params string[] candidates) =>
        candidates.Where(Has).Select(c => Names[IndexOf(c)]).FirstOrDefault();

    /// <summary>Refuses the file up front when columns are missing, naming them and what the header has instead.</summary>
    /// <exception cref="RowRejectedException">at row 1 (the header), listing every missing column.</exception>
    public void Require(string preset, params string[] columns)
    {
        var missing = columns.Where(c => !Has(c)).ToArray();
        if (missing.Length == 0) return;
        throw new RowRejectedException(string.Join(", ", missing),
            $"the {preset} preset needs the column(s) {Quote(missing)} but the header has {Quote(Names)}; " +
            "rename the header, or pick another --preset or the generic column options");
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
