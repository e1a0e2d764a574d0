using System.Text;

namespace EscalationForecast.Client.Csv;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields with embedded commas, doubled quotes and line breaks; CRLF, LF or
/// CR record ends; a final record with or without a line break. Blank lines are skipped. It never throws on bad
/// data: a malformed record comes back with <see cref="CsvRecord.Error"/> so the caller can reject just that row.
/// A quote inside an unquoted field is kept literally (as spreadsheets do); text after a closing quote is an error
/// because the writer most likely forgot to double an embedded quote.
/// </summary>
public static class CsvParser
{
    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    public static IEnumerable<CsvRecord> Parse(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = State.FieldStart;
        string? error = null;
        int row = 1, line = 1, recordLine = 1, quoteLine = 1;
        bool lastWasCr = false, recordHasContent = false;
        var buffer = new char[16 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                // A CRLF pair ends one record (or is one embedded line break): swallow the LF after a CR.
                if (c == '\n' && lastWasCr) { lastWasCr = false; if (state == State.Quoted) field.Append(c); continue; }
                lastWasCr = c == '\r';
                var isBreak = c is '\r' or '\n';
                if (isBreak) line++;
                switch (state)
                {
                    case State.Quoted:
                        if (c == '"') state = State.QuoteInQuoted; else field.Append(c);
                        continue;
                    case State.QuoteInQuoted when c == '"':
                        field.Append('"'); state = State.Quoted;
                        continue;
                    case State.QuoteInQuoted when c != ',' && !isBreak:
                        error ??= $"text after the closing quote of field {fields.Count + 1}; " +
                                  "write an embedded quote as two quotes (\"\") inside a quoted field";
                        field.Append(c); state = State.Unquoted;
                        continue;
                    case State.FieldStart when c == '"':
                        state = State.Quoted; quoteLine = line; recordHasContent = true;
                        continue;
                }
                if (c == ',') { fields.Add(field.ToString()); field.Clear(); state = State.FieldStart; recordHasContent = true; }
                else if (isBreak)
                {
                    if (recordHasContent || fields.Count > 0 || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(row, recordLine, fields.ToArray(), error);
                    }
                    fields.Clear(); field.Clear(); error = null; recordHasContent = false;
                    state = State.FieldStart; row++; recordLine = line;
                }
                else { field.Append(c); state = State.Unquoted; recordHasContent = true; }
            }
        }
        if (state == State.Quoted)
            error ??= $"the quoted field {fields.Count + 1} opened on line {quoteLine} is never closed; " +
                      "add the closing quote (\") or double the quotes embedded in it";
        if (recordHasContent || fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(row, recordLine, fields.ToArray(), error);
        }
    }
}

/// <summary>
/// One parsed CSV record. <see cref="Row"/> numbers records as a spreadsheet does (the header is row 1, blank
/// lines count), so a rejection can be found by eye; <see cref="Line"/> is the physical line the record starts
/// on, which differs once a quoted field spans lines.
/// </summary>
/// <param name="Error">Why the record is malformed (unterminated quote, text after a closing quote), else null.</param>
public sealed record CsvRecord(int Row, int Line, IReadOnlyList<string> Fields, string? Error = null);
