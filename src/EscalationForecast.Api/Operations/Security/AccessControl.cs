using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// Every request's access, decided from its method and path alone (<see cref="AccessRules"/>) before any endpoint
/// runs, so endpoints present and future are covered without edits. With keys configured the request's identity
/// (from <see cref="ApiKeyAuthenticationHandler"/>) must carry the scope (reads need none with
/// <c>Security:AnonymousRead</c>); without keys, reads are open and writes
/// and admin come from loopback only. A refusal is problem+json: 401 when a key is needed and none (or a wrong
/// one) came, 403 otherwise. No policy objects are built per request: the live risk path serves tens of
/// thousands of requests a second and pays only a few path comparisons here.
/// </summary>
public static class AccessControl
{
    public static IApplicationBuilder UseAccessControl(this IApplicationBuilder app)
    {
        var keys = app.ApplicationServices.GetRequiredService<ApiKeys>();
        var anonymousRead = app.ApplicationServices.GetRequiredService<SecurityOptions>().AnonymousRead;
        return app.Use((context, next) =>
        {
            var scope = AccessRules.RequiredScope(context.Request);
            return Allowed(context, scope, keys, anonymousRead) ? next(context) : RefuseAsync(context, scope!, keys);
        });
    }

    /// <summary>Whether the request may do what <paramref name="scope"/> allows (an endpoint showing more to admins asks).</summary>
    public static bool Holds(HttpContext context, string scope) =>
        Allowed(context, scope, context.RequestServices.GetRequiredService<ApiKeys>(),
            context.RequestServices.GetRequiredService<SecurityOptions>().AnonymousRead);

    private static bool Allowed(HttpContext context, string? scope, ApiKeys keys, bool anonymousRead) => scope switch
    {
        null => true,
        // Security:AnonymousRead: a read without a key passes; one with a wrong key is still refused, so a
        // user who typed a key learns that it is wrong.
        Scopes.Read when keys.Configured && anonymousRead && !ApiKeyAuthenticationHandler.KeyPresented(context.Request) => true,
        _ when keys.Configured => context.User.HasClaim(Scopes.ClaimType, scope),
        Scopes.Read => true,
        _ => AccessRules.IsLocal(context), // no keys: writes and admin from loopback only
    };

    private static async Task RefuseAsync(HttpContext context, string scope, ApiKeys keys)
    {
        var unauthenticated = keys.Configured && context.User.Identity?.IsAuthenticated != true;
        string title, detail;
        if (unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer, ApiKey header=\"X-Api-Key\"";
            title = "An API key is required";
            detail = $"Send an API key with the '{scope}' scope in the X-Api-Key header (or as 'Authorization: Bearer <key>'); " +
                     "the key sent, if any, is not valid.";
        }
        else if (keys.Configured)
        {
            title = "The API key lacks a scope";
            detail = $"This request needs the '{scope}' scope, which this API key does not have. Use a key that has it.";
        }
        else
        {
            title = "Local requests only";
            detail = $"No API keys are configured, so {(scope == Scopes.Admin ? "admin requests" : "writes")} are accepted only from loopback. " +
                     "Configure Security:ApiKeys to accept them from elsewhere.";
        }
        await Problems.WriteAsync(context, unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden, title, detail);
    }
}
