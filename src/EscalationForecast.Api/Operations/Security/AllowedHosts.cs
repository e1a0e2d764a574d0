using System.Net;
using System.Net.NetworkInformation;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// The host names this service answers to, so a page on another site whose name was re-pointed at this machine
/// (DNS rebinding) is refused. <c>AllowedHosts</c> (ASP.NET Core's setting: a <c>;</c> list, <c>*.example.com</c>
/// for a domain's subdomains, <c>*</c> for any) names the public ones; the loopback names and addresses and this
/// machine's own name and addresses are always among them (a rebinding page can only bring a name it controls, and
/// probes, scrapers and peers reach a node by its address or its container name), which is all the embedded
/// default needs.
/// </summary>
public sealed class AllowedHosts
{
    private readonly HashSet<string> _exact;
    private readonly string[] _suffixes;
    private readonly bool _any;

    public AllowedHosts(IConfiguration configuration)
    {
        var configured = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hosts = configured.Concat(ThisMachine()).ToArray();
        _any = hosts.Contains("*");
        _exact = new HashSet<string>(hosts.Where(h => !h.StartsWith("*.")).Select(Normal), StringComparer.OrdinalIgnoreCase);
        _suffixes = hosts.Where(h => h.StartsWith("*.")).Select(h => Normal(h[1..])).ToArray();
        Described = configured.Length > 0
            ? $"{string.Join(", ", configured)}, the loopback and this machine's names and addresses"
            : "the loopback and this machine's names and addresses";
    }

    public string Described { get; }

    public bool Allows(HostString host)
    {
        if (_any) return true;
        if (!host.HasValue) return false; // HTTP/1.1 requires a Host; an HTTP/1.0 request without one has no name to check
        var name = Normal(host.Host);
        return _exact.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A name without its trailing dot (<c>localhost.</c> is <c>localhost</c>) and an address in its canonical form.</summary>
    private static string Normal(string host)
    {
        var name = host.TrimEnd('.');
        return IPAddress.TryParse(name.Trim('[', ']'), out var address) ? Canonical(address) : name.ToLowerInvariant();
    }

    private static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString().ToLowerInvariant();

    private static string[] ThisMachine()
    {
        var names = new List<string> { "localhost", "127.0.0.1", "::1" };
        try
        {
            var properties = IPGlobalProperties.GetIPGlobalProperties();
            names.Add(Dns.GetHostName());
            if (!string.IsNullOrEmpty(properties.DomainName)) names.Add($"{properties.HostName}.{properties.DomainName}");
            names.AddRange(NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => Canonical(a.Address)));
        }
        catch (NetworkInformationException)
        {
            // Without interface information the loopback names still work.
        }
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
