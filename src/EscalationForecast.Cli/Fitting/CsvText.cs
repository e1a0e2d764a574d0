namespace EscalationForecast.Cli.Fitting;

/// <summary>Minimal RFC 4180 reading: a header row, comma separators, double-quoted fields with "" escapes.</summary>
internal static class CsvText
{
    public static IEnumerable<string[]> Rows(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return Split(line);
    }

    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }

    public static int Column(string[] header, params string[] names)
    {
        foreach (var name in names)
        {
            int i = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
        }
        return -1;
    }
}
