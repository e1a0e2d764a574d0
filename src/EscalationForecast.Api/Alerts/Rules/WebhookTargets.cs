using System.Net;
using System.Net.NetworkInformation;
using EscalationForecast.Api.Alerts.Delivering;

namespace EscalationForecast.Api.Alerts.Rules;

/// <summary>
/// Where a webhook may point: an absolute http(s) URL without credentials, on an allowed host
/// (<c>Alerting:AllowedWebhookHosts</c> when configured), and never the service itself: not the authority the
/// client reached us by, and not one of our listening addresses (a wildcard or loopback listener also covers
/// <c>localhost</c>, loopback addresses, this machine's name and addresses); and no internal address literal or
/// loopback name unless the allow-list names it. DNS is not resolved here: the <see cref="OutboundGuard"/> judges
/// what a name resolves to when a delivery connects.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why the URL may not be used (a sentence telling the fix), or null when it may.</summary>
    public static string? Check(string url, IReadOnlyCollection<string> allowedHosts, IEnumerable<Uri> ownAddresses, string? requestAuthority)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "must be an absolute http:// or https:// URL.";
        if (url.Length > 2048) return "must be at most 2,048 characters.";
        if (uri.UserInfo.Length > 0) return "must not carry credentials (user:password@); authenticate the sender by the X-Signature-256 header.";
        var host = uri.IdnHost.Trim('[', ']');
        var allowed = InternalAddresses.Allowed(allowedHosts, host);
        if (allowedHosts.Count > 0 && !allowed)
            return $"points at host '{host}', which is not in Alerting:AllowedWebhookHosts ({string.Join(", ", allowedHosts)}); use one of those hosts.";
        if (IsSelf(uri, host, ownAddresses, requestAuthority))
            return "points at this service itself; give the address of the system that should receive the alerts.";
        if (!allowed && IsInternal(host))
            return $"points at '{host}', an internal address (loopback, private, link-local, multicast or unspecified); " +
                   "give a public receiver, or name this host in Alerting:AllowedWebhookHosts.";
        return null;
    }

    /// <summary>
    /// What is internal without a lookup: an address literal in an internal range, or a name that is loopback by
    /// definition. Names are judged again, resolved, when the delivery connects (<see cref="OutboundGuard"/>).
    /// </summary>
    private static bool IsInternal(string host)
    {
        var name = InternalAddresses.Normal(host);
        return IPAddress.TryParse(name, out var address)
            ? InternalAddresses.IsInternal(address)
            : name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSelf(Uri target, string host, IEnumerable<Uri> ownAddresses, string? requestAuthority)
    {
        if (requestAuthority is { Length: > 0 } && Uri.TryCreate($"{target.Scheme}://{requestAuthority}", UriKind.Absolute, out var reached)
            && string.Equals(reached.IdnHost.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase) && reached.Port == target.Port)
        {
            return true;
        }
        foreach (var own in ownAddresses)
        {
            if (own.Port != target.Port) continue;
            var ownHost = own.Host.Trim('[', ']');
            if (string.Equals(ownHost, host, StringComparison.OrdinalIgnoreCase)) return true;
            var wildcard = ownHost is "0.0.0.0" or "::" or "+" or "*";
            var loopback = ownHost == "localhost" || (IPAddress.TryParse(ownHost, out var a) && IPAddress.IsLoopback(a));
            if ((wildcard || loopback) && IsLoopback(host)) return true;
            if (wildcard && IsThisMachine(host)) return true;
        }
        return false;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));

    private static bool IsThisMachine(string host)
    {
        if (host.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out var address)) return false;
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
