using Microsoft.Net.Http.Headers;

namespace EscalationForecast.Api.Http;

/// <summary>
/// CSV for R, Excel and pandas (RFC 4180): asked for with <c>Accept: text/csv</c> or <c>?format=csv</c>, answered as
/// <c>text/csv; charset=utf-8; header=present</c> with a header row. A paged list keeps its paging: the next page is
/// named by a <c>Link: &lt;...&gt;; rel="next"</c> header (the JSON's <c>next</c>) and <c>X-Next-After-Sequence</c>.
/// </summary>
public static class Csv
{
    public const string MediaType = "text/csv";
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    /// <summary>
    /// Whether the caller wants CSV: <c>format=csv</c>, or an <c>Accept</c> naming <c>text/csv</c> with a quality at
    /// least that of any JSON type it also names (a browser's <c>*/*</c> still gets JSON).
    /// </summary>
    public static bool Wanted(HttpContext context)
    {
        var format = context.Request.Query["format"].ToString();
        if (format.Length > 0) return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!MediaTypeHeaderValue.TryParseList(context.Request.Headers.Accept, out var accepted)) return false;
        double csv = -1, json = -1;
        foreach (var type in accepted)
        {
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase)) csv = Math.Max(csv, quality);
            else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, quality);
        }
        return csv > 0 && csv >= json;
    }

    /// <summary><c>format</c> may only be <c>csv</c> or <c>json</c>: anything else is a 400 naming the choices.</summary>
    public static string? FormatError(HttpContext context) =>
        context.Request.Query["format"].ToString() is { Length: > 0 } f && !f.Equals("csv", StringComparison.OrdinalIgnoreCase) && !f.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? $"Query parameter 'format' must be 'csv' or 'json', not '{Quoted.Prefix(f)}'."
            : null;

    /// <summary>Rows as CSV, one column per <paramref name="columns"/> entry, in that order.</summary>
    public static IResult Of<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, long? next = null) =>
        new CsvResult<T>(rows, columns, next, null);

    /// <summary>A list whose bytes are known before they are sent: with an ETag, <c>304</c> on <c>If-None-Match</c>.</summary>
    public static IResult Cached<T>(HttpContext context, IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string cacheControl)
    {
        var bytes = CsvWriter.Bytes(rows, columns);
        var etag = ETags.Of(bytes);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = cacheControl;
        context.Response.Headers.Vary = "Accept";
        return context.Request.Headers.IfNoneMatch.Contains(etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(bytes, ContentType);
    }
}

/// <summary>A CSV column: its header and how a row gives its value (null is an empty field).</summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value);
