using System.Globalization;
using System.Text;

namespace EscalationForecast.Api.Http;

/// <summary>
/// RFC 4180 text: fields separated by commas, records by CRLF; a field holding a comma, a double quote, CR or LF is
/// enclosed in double quotes with each quote doubled. Numbers are written invariantly (round-trip for doubles), instants
/// as UTC ISO 8601, dates as yyyy-MM-dd, booleans as true/false, null as an empty field. Text that a spreadsheet would
/// run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or CR: an actor or place name posted by
/// anyone) is written with a leading <c>'</c>, which spreadsheets show as text; numbers are never touched.
/// </summary>
public static class CsvWriter
{
    public static string Field(object? value) => Quote(value switch
    {
        null => "",
        string s => Inert(s),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    });

    /// <summary>Text as a spreadsheet shows it, never as a formula it runs (OWASP's CSV injection advice).</summary>
    public static string Inert(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;

    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";

    public static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            writer.Write(field);
            first = false;
        }
        writer.Write("\r\n");
    }

    public static void Write<T>(TextWriter writer, IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns)
    {
        WriteRecord(writer, columns.Select(c => Quote(c.Header)));
        foreach (var row in rows) WriteRecord(writer, columns.Select(c => Field(c.Value(row))));
    }

    public static byte[] Bytes<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, rows, columns);
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}

/// <summary>The rows as the response, with the paging headers. Written whole (a page is at most 1,000 events or 3,700 days) and then sent asynchronously, as Kestrel wants.</summary>
internal sealed class CsvResult<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, long? next, string? cacheControl) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = Csv.ContentType;
        response.Headers.Vary = "Accept";
        if (cacheControl is not null) response.Headers.CacheControl = cacheControl;
        if (next is { } n)
        {
            var query = context.Request.Query.Where(q => q.Key != "afterSequence")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"afterSequence={n}");
            response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}?{string.Join('&', query)}>; rel=\"next\"";
            response.Headers["X-Next-After-Sequence"] = n.ToString(CultureInfo.InvariantCulture);
        }
        await response.Body.WriteAsync(CsvWriter.Bytes(rows, columns), context.RequestAborted);
    }
}
