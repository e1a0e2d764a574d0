namespace EscalationForecast.Api.Http.OpenApi;

/// <summary>
/// A query or header parameter that an endpoint reads from its <see cref="HttpContext"/> rather than from its handler's
/// signature, described for the OpenAPI document as endpoint metadata (<see cref="ApiParameterExtensions.Query"/>).
/// <paramref name="Type"/> is the JSON Schema type (<c>string</c>, <c>integer</c>, <c>boolean</c>); <paramref name="Format"/>
/// its format (<c>date-time</c>, <c>int32</c>, <c>int64</c>).
/// </summary>
public sealed record ApiParameter(string Name, string Type, string Description, string? Format = null,
    long? Minimum = null, long? Maximum = null, object? Default = null, string In = "query", string? Pattern = null);

/// <summary>The parameters the reads share, with the ranges <see cref="QueryParameters"/> checks.</summary>
public static class ApiParameters
{
    private const string Time = "A date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z)";
    private const string TimePattern = @"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$";

    public static readonly ApiParameter AsOf = new("asOf", "string", $"Only what had occurred by then (a bare date counts once its day has ended). {Time}; default now.", Pattern: TimePattern);
    public static readonly ApiParameter KnownAt = new("knownAt", "string", $"Only what had been recorded by then. {Time}; default now.", Pattern: TimePattern);
    public static readonly ApiParameter From = new("from", "string", $"First day (occurredAt). {Time}.", Pattern: TimePattern);
    public static readonly ApiParameter To = new("to", "string", $"Last day (occurredAt; a bare date includes its whole day). {Time}.", Pattern: TimePattern);
    public static readonly ApiParameter HorizonDays = new("horizonDays", "integer", "Forecast horizon in days.", "int32", 1, 90, 7);
    public static readonly ApiParameter AfterSequence = new("afterSequence", "integer", "Start after this sequence number: the previous page's `next`.", "int64", 0);
    public static readonly ApiParameter Limit = new("limit", "integer", "Items per page.", "int32", 1, 1000, 100);
    public static readonly ApiParameter Format = new("format", "string", "`csv` for CSV (RFC 4180, header row), as `Accept: text/csv`; `json` (the default).", Pattern: "^(?i)(csv|json)$");
    public static readonly ApiParameter IfNoneMatch = new("If-None-Match", "string", "The ETag of an answer already held: `304` with no body while it is unchanged.", In: "header");
}

public static class ApiParameterExtensions
{
    /// <summary>Describes the query (or header) parameters the endpoint parses itself.</summary>
    public static RouteHandlerBuilder Query(this RouteHandlerBuilder builder, params ApiParameter[] parameters) =>
        builder.WithMetadata(parameters.Cast<object>().ToArray());
}
