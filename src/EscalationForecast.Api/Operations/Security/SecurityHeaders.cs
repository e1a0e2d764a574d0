namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// Headers on every response. The dashboard and everything else are served from our own origin, so the CSP allows
/// only 'self'; the interactive API reference (Scalar) configures itself with inline script and styles, so its
/// pages alone also allow 'unsafe-inline'. Nothing may frame us. Where API keys are configured, an answer is for
/// its key's holder only: a <c>public</c> cache directive becomes <c>private</c>, so no shared cache hands it on.
/// </summary>
public static class SecurityHeaders
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var keyed = app.ApplicationServices.GetRequiredService<ApiKeys>().Configured;
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-reference") ? ApiReference : Strict;
            if (keyed && context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.OnStarting(MakePrivate, context.Response);
            }
            return next(context);
        });
    }

    private static Task MakePrivate(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        if (headers.CacheControl.ToString() is { Length: > 0 } directives && directives.Contains("public", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = directives.Replace("public", "private", StringComparison.OrdinalIgnoreCase);
        }
        return Task.CompletedTask;
    }
}
