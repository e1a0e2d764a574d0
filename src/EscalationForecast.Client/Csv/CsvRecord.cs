namespace EscalationForecast.Client.Csv;

/// <summary>
/// One parsed CSV record. <see cref="Row"/> numbers records as a spreadsheet does (the header is row 1, blank
/// lines count), so a rejection can be found by eye; <see cref="Line"/> is the physical line the record starts
/// on, which differs once a quoted field spans lines.
/// </summary>
/// <param name="Error">Why the record is malformed (unterminated quote, text after a closing quote), else null.</param>
public sealed record CsvRecord(int Row, int Line, IReadOnlyList<string> Fields, string? Error = null);
