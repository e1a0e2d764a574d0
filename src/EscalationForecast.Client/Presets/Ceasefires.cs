using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// Ceasefires declared earlier in the same file and not yet ended, by a key the file uses to refer to them
/// (a name, or an actor/target pair). Files are read top to bottom, so an end must follow its declaration.
/// </summary>
internal sealed class Ceasefires
{
    private readonly Dictionary<string, int> openByKey = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers the declaration's row; a second declaration of a ceasefire still in force is ambiguous.</summary>
    public void Declare(string key, int row, string column)
    {
        if (openByKey.TryGetValue(key, out var earlier))
            throw new RowRejectedException(column,
                $"ceasefire '{key}' is already in force since row {earlier}; end it first or give this one another name");
        openByKey[key] = row;
    }

    /// <summary>The row of the open declaration this end refers to; it is closed afterwards.</summary>
    public int End(string key, string column)
    {
        if (!openByKey.Remove(key, out var row))
            throw new RowRejectedException(column,
                $"no ceasefire '{key}' is in force at this row; a 'ceasefire-ended' row must follow its " +
                "'ceasefire-declared' row in the same file, with the same " + column);
        return row;
    }
}

/// <summary>The optional <c>reason</c> column of a ceasefire's end, checked against the contract's vocabulary.</summary>
internal static class CeasefireEnding
{
    private static readonly string[] Reasons = ["collapsed", "expired", "superseded"];

    /// <summary>Null when the file has no reason for this row: the data does not say, so none is invented.</summary>
    public static string? Reason(CsvRow row)
    {
        var reason = row.Optional("reason")?.ToLowerInvariant();
        return reason is null || Reasons.Contains(reason)
            ? reason
            : throw new RowRejectedException("reason", $"'{reason}' is not a reason; use {string.Join(", ", Reasons)} or leave it empty");
    }
}
