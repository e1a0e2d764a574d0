using System.Net;
using System.Net.Sockets;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>A webhook connection the outbound guard would not open: the host resolves only to internal addresses.</summary>
public sealed class OutboundRefused(string message) : Exception(message);

/// <summary>
/// The webhook client's connection step (<see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved
/// here, every address it resolves to is judged (<see cref="InternalAddresses"/>), and the socket connects to an
/// address that passed, the very one that was judged. So a name that points inside is refused like the address
/// itself, and a DNS answer that changes between a check and the connect (rebinding) cannot slip through: there is
/// no second lookup. A host named in <c>Alerting:AllowedWebhookHosts</c> may be internal (a receiver on the same
/// network, the tests' receivers on 127.0.0.1). The client uses no proxy, so the address checked is the receiver's.
/// </summary>
public sealed class OutboundGuard(IReadOnlyCollection<string> allowedHosts)
{
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false, // a redirect could lead past the guard's decision about the first host
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = ConnectAsync,
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = await PermittedAsync(endPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/> a webhook may connect to; none is an <see cref="OutboundRefused"/>.</summary>
    public async Task<IPAddress[]> PermittedAsync(string host, CancellationToken ct)
    {
        var name = InternalAddresses.Normal(host);
        var resolved = IPAddress.TryParse(name, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(name, ct);
        if (InternalAddresses.Allowed(allowedHosts, name)) return resolved;
        var permitted = resolved.Where(a => !InternalAddresses.IsInternal(a)).ToArray();
        // Every address of the name must be public: one internal answer among public ones is how a rebinding
        // attacker makes a connection to the first address fail over to the second.
        return permitted.Length > 0 && permitted.Length == resolved.Length
            ? permitted
            : throw new OutboundRefused("the webhook's host resolves to an internal address (loopback, private, link-local, " +
                                        "multicast or unspecified); name it in Alerting:AllowedWebhookHosts to allow it");
    }
}
