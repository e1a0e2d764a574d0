namespace EscalationForecast.Client.Reading;

/// <summary>
/// Event ids derived from where a row came from, so importing the same file twice stores nothing new (the server
/// treats a re-sent id with the same content as a no-op). Only the file name is used, never its directory, so
/// the ids are the same on every machine; renaming the file changes them.
/// </summary>
public static class ImportIds
{
    /// <summary>The contract's longest id.</summary>
    public const int MaxLength = 128;

    /// <summary>The file name without directory (either separator) and extension.</summary>
    public static string Stem(string fileName)
    {
        var name = NameOf(fileName);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>The file name of a path, whichever separator it uses, so ids do not depend on the machine.</summary>
    public static string NameOf(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    /// <summary><c>{stem}:{row}</c>, or <c>{stem}:{row}:{theater}</c> for a row replicated into several theaters.</summary>
    public static string ForRow(string fileName, int row, string? theaterId = null)
    {
        var id = theaterId is null ? $"{Stem(fileName)}:{row}" : $"{Stem(fileName)}:{row}:{theaterId}";
        return id.Length <= MaxLength
            ? id
            : throw new RowRejectedException(null,
                $"the derived id '{id[..40]}...' is longer than {MaxLength} characters; rename the file to a shorter name");
    }
}
