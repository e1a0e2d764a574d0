using System.Net;
using System.Net.Sockets;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>
/// Addresses a webhook must not reach unless its host is allowed by name: everything that is not the public
/// internet. IPv4: 0/8 ("this network", which Linux connects to loopback), 10/8, 100.64/10 (carrier-grade NAT),
/// 127/8, 169.254/16 (link-local, the cloud metadata service), 172.16/12, 192.0.0/24, 192.168/16, 198.18/15,
/// 224/4 (multicast) and 240/4 (reserved, with the broadcast address). IPv6: :: and ::1, fc00::/7 (unique local),
/// fe80::/10 and fec0::/10 (link- and site-local), ff00::/8 (multicast), 100::/64 (discard), 2001:db8::/32
/// (documentation), and every form that carries an IPv4 address inside it, judged by that address: mapped
/// (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
/// </summary>
public static class InternalAddresses
{
    private static readonly (uint Network, int Bits)[] V4 =
    [
        (0x00000000, 8), (0x0A000000, 8), (0x64400000, 10), (0x7F000000, 8), (0xA9FE0000, 16), (0xAC100000, 12),
        (0xC0000000, 24), (0xC0A80000, 16), (0xC6120000, 15), (0xE0000000, 4), (0xF0000000, 4),
    ];

    public static bool IsInternal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsInternalV4(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true; // nothing else is a webhook's place
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (EmbeddedV4(b) is { } inner) return IsInternalV4(inner);
        return b[0] switch
        {
            0xFC or 0xFD => true,                                  // fc00::/7
            0xFE => (b[1] & 0xC0) is 0x80 or 0xC0,                 // fe80::/10, fec0::/10
            0xFF => true,                                          // ff00::/8
            0x01 when b[1] == 0 && b[2..8].IndexOfAnyExcept((byte)0) < 0 => true, // 100::/64
            0x20 when b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 => true,       // 2001:db8::/32
            0x00 => true,                                          // ::/8 (::, ::1, reserved; NAT64 is read above)
            _ => false,
        };
    }

    /// <summary>The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one.</summary>
    private static IPAddress? EmbeddedV4(ReadOnlySpan<byte> b)
    {
        var zeros10 = b[..10].IndexOfAnyExcept((byte)0) < 0;
        if (zeros10 && b[10] == 0xFF && b[11] == 0xFF) return new IPAddress(b[12..]);        // ::ffff:a.b.c.d
        if (zeros10 && b[10] == 0 && b[11] == 0 && b[12..].IndexOfAnyExcept((byte)0) >= 0
            && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) return new IPAddress(b[12..]);     // ::a.b.c.d (not :: or ::1)
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
            return new IPAddress(b[12..]);                                                    // 64:ff9b::a.b.c.d
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b[2..6]);                     // 2002:aabb:ccdd::
        return null;
    }

    private static bool IsInternalV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        var value = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        foreach (var (network, bits) in V4)
        {
            if ((value & ~(uint.MaxValue >> bits)) == network) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether <c>Alerting:AllowedWebhookHosts</c> names the host: exactly, or by <c>*.suffix</c> for its subdomains.
    /// A trailing dot (the DNS root) and IPv6 brackets do not change the host.
    /// </summary>
    public static bool Allowed(IReadOnlyCollection<string> allowedHosts, string host)
    {
        host = Normal(host);
        return allowedHosts.Any(a => a.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(Normal(a)[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(Normal(a), host, StringComparison.OrdinalIgnoreCase));
    }

    public static string Normal(string host) => host.Trim().Trim('[', ']').TrimEnd('.');
}
