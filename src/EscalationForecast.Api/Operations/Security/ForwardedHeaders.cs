using System.Net;
using EscalationForecast.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>The address a request's connection came from, before forwarded headers replaced the client address.</summary>
public sealed record ConnectionPeer(IPAddress? Address);

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> taken from known proxies only: <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). A request from anywhere else keeps its
/// connection's address, whatever headers it sends, and of a known proxy's list only the last hop (the address
/// the proxy saw) is taken, so a client cannot put itself at 127.0.0.1 or at a fresh address per request to
/// escape its rate limit. ASP.NET Core's own switch, <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, trusts every
/// peer: it is refused at start.
/// </summary>
public static class ForwardedHeaders
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartFailure(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true trusts forwarded headers from any client: remove it and name your " +
                "proxies in ForwardedHeaders:KnownProxies (ForwardedHeaders__KnownProxies__0=10.0.0.5) or ForwardedHeaders:KnownNetworks (10.0.0.0/24).",
                StartFailure.Configuration);
        }
        var (proxies, networks) = Parse(configuration.GetSection("ForwardedHeaders"));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear(); // not even loopback by default: only what is configured
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>Records the connection's own address, then (when proxies are configured) applies their headers.</summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        app.Use((context, next) =>
        {
            context.Features.Set(new ConnectionPeer(context.Connection.RemoteIpAddress));
            return next(context);
        });
        var (proxies, networks) = Parse(configuration.GetSection("ForwardedHeaders"));
        return proxies.Count + networks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(IConfigurationSection section)
    {
        var proxies = new List<IPAddress>();
        foreach (var value in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            proxies.Add(IPAddress.TryParse(value.Trim(), out var address) ? address : throw new StartFailure(
                $"ForwardedHeaders:KnownProxies has '{value}', which is not an IP address (10.0.0.5, fd00::5).", StartFailure.Configuration));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            networks.Add(System.Net.IPNetwork.TryParse(value.Trim(), out var network) ? network : throw new StartFailure(
                $"ForwardedHeaders:KnownNetworks has '{value}', which is not a CIDR range (10.0.0.0/24, fd00::/64).", StartFailure.Configuration));
        }
        return (proxies, networks);
    }
}
