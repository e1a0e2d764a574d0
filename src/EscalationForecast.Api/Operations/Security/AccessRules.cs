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
    /// A loopback connection (or none at all: an in-process test server, a Unix socket) that carries no forwarded
    /// header. Decided from the connection's own address (<see cref="ConnectionPeer"/>, recorded before forwarded
    /// headers are applied), never from a forwarded one; and a request relayed by a proxy on this machine, which
    /// says so in <c>X-Forwarded-For</c>/<c>Forwarded</c>, is some other client's, so it is not local either.
    /// </summary>
    public static bool IsLocal(HttpContext context)
    {
        var peer = context.Features.Get<ConnectionPeer>() is { } recorded ? recorded.Address : context.Connection.RemoteIpAddress;
        return (peer is null || IPAddress.IsLoopback(peer))
            && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");
    }
}
