using System.Net;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// What a request needs, from its method and path alone, so endpoints added later are covered without edits:
/// everything outside <c>/api/</c> is open (health, <c>/metrics</c>, OpenAPI, the API reference, the dashboard);
/// <c>/api/v1/admin/*</c> needs <c>admin</c>; other GET/HEAD/OPTIONS need <c>read</c>; any other method needs <c>write</c>.
/// </summary>
public static class AccessRules
{
    public static string? RequiredScope(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/api"))
        {
            return null;
        }
        if (request.Path.StartsWithSegments("/api/v1/admin"))
        {
            return Scopes.Admin;
        }
        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            ? Scopes.Read
            : Scopes.Write;
    }

    /// <summary>
    /// A loopback peer, or none at all (an in-process test server or a Unix socket). Behind a proxy with
    /// forwarded headers enabled this is the original client's address, so proxied clients are not local.
    /// </summary>
    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);
}
