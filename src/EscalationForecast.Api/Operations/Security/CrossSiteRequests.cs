using EscalationForecast.Api.Http;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Net.Http.Headers;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// Refuses what a web page on another site could make a visitor's browser send here. A request must name a host
/// this service answers to (<see cref="AllowedHosts"/>; health probes excepted, since orchestrators probe by
/// address), and a write (<c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c>) must come from this service's own
/// origin (its host) or one in <c>Security:AllowedOrigins</c> when it says where it comes from (browsers always do), and, under
/// <c>/api/</c>, carry its body as <c>application/json</c>: a cross-site form or a "simple" fetch can send only
/// <c>text/plain</c>, form encodings or no type at all, so this alone stops writes that skip CORS preflights.
/// Allowed origins are also served CORS, so a dashboard hosted elsewhere can read and write.
/// </summary>
public static class CrossSiteRequests
{
    public const string CorsPolicy = "AllowedOrigins";

    public static IServiceCollection AddCrossSiteRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new AllowedHosts(configuration));
        // ASP.NET Core's own host filter answers an empty 400; ours answers problem+json, so that one lets everything through.
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        var origins = AllowedOrigins(configuration);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithHeaders(HeaderNames.ContentType, HeaderNames.Authorization, ApiKeyAuthenticationHandler.HeaderName,
                HeaderNames.IfNoneMatch, "Last-Event-ID")
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.RetryAfter, HeaderNames.Location)));
        return services;
    }

    public static IApplicationBuilder UseCrossSiteRules(this IApplicationBuilder app, IConfiguration configuration)
    {
        var hosts = app.ApplicationServices.GetRequiredService<AllowedHosts>();
        var origins = new HashSet<string>(AllowedOrigins(configuration), StringComparer.OrdinalIgnoreCase);
        app.Use((context, next) => Refusal(context, hosts, origins) is { } refuse ? refuse() : next(context));
        return origins.Count > 0 ? app.UseCors(CorsPolicy) : app;
    }

    private static Func<Task>? Refusal(HttpContext context, AllowedHosts hosts, HashSet<string> origins)
    {
        var request = context.Request;
        if (!hosts.Allows(request.Host) && !request.Path.StartsWithSegments("/health"))
        {
            return () => Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Unknown host",
                $"This service does not answer to the host '{Quoted.Prefix(request.Host.Value)}'. Use one it answers to " +
                $"({hosts.Described}), or add it to the AllowedHosts setting.").AsTask();
        }
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }
        if (request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(request, origin.ToString()) && !origins.Contains(origin.ToString()))
        {
            return () => Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-site write refused",
                $"Writes are accepted from this service's own origin only, and this one comes from '{Quoted.Prefix(origin.ToString())}'. " +
                "To let a dashboard served from there write, add its origin to Security:AllowedOrigins.").AsTask();
        }
        if (request.Path.StartsWithSegments("/api") && NeedsJson(request) && !IsJson(request.ContentType))
        {
            return () => Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"{request.Method} {request.Path} takes a JSON body: send it with 'Content-Type: application/json'" +
                (string.IsNullOrEmpty(request.ContentType) ? " (none was sent)." : $", not '{Quoted.Prefix(request.ContentType)}'.")).AsTask();
        }
        return null;
    }

    /// <summary>A <c>DELETE</c> has no body to describe; every other write has one, even if empty.</summary>
    private static bool NeedsJson(HttpRequest request) =>
        !HttpMethods.IsDelete(request.Method) || request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The origin names the host this request was sent to. Scheme and port are not compared: behind a proxy that
    /// terminates TLS, or forwards on another port, the service sees neither as the browser did.
    /// </summary>
    private static bool SameOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase);

    private static string[] AllowedOrigins(IConfiguration configuration) =>
        configuration.GetSection("Security:AllowedOrigins").Get<string[]>()?.Where(o => o.Length > 0).Select(o => o.TrimEnd('/')).ToArray() ?? [];
}
