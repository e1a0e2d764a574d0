using System.Net;

namespace EscalationForecast.Client.Http;

/// <summary>
/// The server answered with a non-2xx status. Carries the parsed problem so a caller can tell which items
/// of a batch were refused (400), that an id was re-used with other content (409), or when to retry (429).
/// </summary>
public sealed class ForecastApiException(
    HttpStatusCode statusCode, ApiProblem problem, TimeSpan? retryAfter = null, string? requestPath = null)
    : Exception(Describe(statusCode, problem, requestPath))
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public ApiProblem Problem { get; } = problem;

    /// <summary>The server's <c>Retry-After</c>, when it sent one (429, 503).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public IReadOnlyList<ApiItemError> Errors => Problem.Errors;

    private static string Describe(HttpStatusCode status, ApiProblem problem, string? path)
    {
        var what = path is null ? "The server" : $"{path}";
        var detail = problem.Detail ?? problem.Title ?? status.ToString();
        var items = problem.Errors.Count == 0 ? "" : $" ({problem.Errors.Count} item error(s))";
        return $"{what} answered {(int)status}: {detail}{items}";
    }
}
