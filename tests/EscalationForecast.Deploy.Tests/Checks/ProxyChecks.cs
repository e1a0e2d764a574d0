using System.Text.RegularExpressions;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>The nginx proxy: upstreams are the API replicas on the API port, SSE passes unbuffered, X-Forwarded-For is set.</summary>
public static class ProxyChecks
{
    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        var compose = ComposeChecks.Load(repo);
        if (compose.Services.GetValueOrDefault(ComposeChecks.Proxy) is not { } proxy)
        {
            problems.Add($"compose: no '{ComposeChecks.Proxy}' service");
            return problems;
        }

        problems.Require(proxy.Image?.StartsWith("nginx:", StringComparison.Ordinal) == true, $"compose: '{proxy.Name}' image {proxy.Image} is not nginx");
        var mount = proxy.Volumes.FirstOrDefault(v => v.IsBind && (v.Target.StartsWith("/etc/nginx/conf.d/", StringComparison.Ordinal) || v.Target == "/etc/nginx/nginx.conf"));
        if (mount is null)
        {
            problems.Add($"compose: '{proxy.Name}' mounts no nginx configuration");
            return problems;
        }

        var confPath = compose.HostPath(mount);
        var text = repo.Read(confPath);
        if (text is null)
        {
            problems.Add($"compose: nginx configuration {confPath} does not exist");
            return problems;
        }

        NginxBlock conf;
        try
        {
            conf = NginxBlock.Parse(text, confPath);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return problems;
        }

        var apiPort = DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort;
        var replicas = ComposeChecks.ApiReplicas(compose).Select(r => r.Name).ToHashSet();

        // Upstreams: API replicas on the API container port, all of them.
        var upstreams = conf.Descendants("upstream").ToList();
        problems.Require(upstreams.Count > 0, $"{confPath}: no upstream block");
        foreach (var upstream in upstreams)
        {
            var servers = upstream.All("server").Select(a => a.FirstOrDefault() ?? "").ToList();
            foreach (var entry in servers)
            {
                var hp = entry.Split(':');
                var port = hp.Length == 2 && int.TryParse(hp[1], out var p) ? p : 80;
                problems.Require(replicas.Contains(hp[0]), $"{confPath}: upstream server {entry} is not an API replica ({string.Join(", ", replicas)})");
                problems.Require(port == apiPort, $"{confPath}: upstream server {entry} does not use the API container port {apiPort}");
            }

            foreach (var r in replicas)
            {
                problems.Require(servers.Any(s => s.Split(':')[0] == r), $"{confPath}: API replica '{r}' is missing from upstream {string.Join(' ', upstream.Arguments)}");
            }
        }

        var upstreamNames = upstreams.Select(u => u.Arguments.FirstOrDefault()).OfType<string>().ToHashSet();
        var server = conf.Descendants("server").FirstOrDefault();
        if (server is null)
        {
            problems.Add($"{confPath}: no server block");
            return problems;
        }

        // listen port = the container side of the published 8080.
        var listen = server.All("listen").Select(a => int.TryParse((a.FirstOrDefault() ?? "").Split(':')[^1], out var p) ? p : -1).ToList();
        var published = proxy.Ports.Where(p => p.HostPort == ComposeChecks.ProxyHostPort).Select(p => p.ContainerPort).ToList();
        problems.Require(published.Count > 0 && published.All(listen.Contains),
            $"{confPath}: nginx listens on {string.Join(", ", listen)}, but compose publishes {ComposeChecks.ProxyHostPort} to container port(s) {string.Join(", ", published)}");

        // Every proxied location goes to a defined upstream with X-Forwarded-For.
        var locations = server.Blocks.Where(b => b.Name == "location").ToList();
        foreach (var location in locations.Where(l => l.First("proxy_pass") is not null))
        {
            var where = $"{confPath}: location {string.Join(' ', location.Arguments)}";
            var target = location.First("proxy_pass")![0];
            var host = Regex.Match(target, @"^https?://([^/:]+)").Groups[1].Value;
            problems.Require(upstreamNames.Contains(host), $"{where} proxies to '{host}', which is not a defined upstream");
            var headers = Effective(server, location, "proxy_set_header");
            problems.Require(headers.Any(h => h.Count >= 2 && h[0].Equals("X-Forwarded-For", StringComparison.OrdinalIgnoreCase) && h[1] == "$proxy_add_x_forwarded_for"),
                $"{where} does not pass X-Forwarded-For $proxy_add_x_forwarded_for");
            problems.Require(headers.Any(h => h.Count >= 2 && h[0].Equals("X-Forwarded-Proto", StringComparison.OrdinalIgnoreCase)),
                $"{where} does not pass X-Forwarded-Proto");
        }

        problems.Require(locations.Any(l => l.Arguments.LastOrDefault() == "/" && l.First("proxy_pass") is not null), $"{confPath}: no 'location /' proxying to the API");

        // Server-Sent Events: unbuffered, HTTP/1.1, long read timeout.
        var sse = locations.FirstOrDefault(l => l.Arguments.LastOrDefault() is { } path && ServiceContract.SsePath.StartsWith(path.TrimEnd('/'), StringComparison.Ordinal) && path != "/");
        problems.Require(sse is not null, $"{confPath}: no location for {ServiceContract.SsePath} (Server-Sent Events)");
        if (sse is not null)
        {
            var where = $"{confPath}: SSE location {string.Join(' ', sse.Arguments)}";
            problems.Require(sse.First("proxy_pass") is not null, $"{where} does not proxy_pass");
            problems.Require(Effective(server, sse, "proxy_buffering").LastOrDefault()?.FirstOrDefault() == "off", $"{where} must set proxy_buffering off");
            problems.Require(Effective(server, sse, "proxy_http_version").LastOrDefault()?.FirstOrDefault() == "1.1", $"{where} must use proxy_http_version 1.1");
            var timeout = Seconds(Effective(server, sse, "proxy_read_timeout").LastOrDefault()?.FirstOrDefault());
            problems.Require(timeout >= 300, $"{where} proxy_read_timeout is {timeout?.ToString() ?? "the 60s default"}s; an idle event stream needs >= 300s");
        }

        // The body limit is the service's own (Ingestion:MaxRequestBytes), so nginx neither refuses what the API takes
        // nor lets through what it refuses.
        var serviceLimit = ServiceBodyLimit(repo);
        var proxyLimit = Bytes(server.First("client_max_body_size")?.FirstOrDefault());
        problems.Require(proxyLimit == serviceLimit,
            $"{confPath}: client_max_body_size is {proxyLimit?.ToString() ?? "nginx's 1m default"} bytes, but the service takes {serviceLimit} (Ingestion:MaxRequestBytes)");

        // /metrics is refused however spelled: ASP.NET Core routing ignores case and a trailing slash. The refusal is a
        // location that answers 404 itself and matches every spelling (exact nginx matching is case-sensitive).
        var refusals = locations.Where(l => l.First("return")?.FirstOrDefault() == "404" && l.First("proxy_pass") is null).ToList();
        foreach (var spelling in MetricsSpellings)
        {
            problems.Require(refusals.Any(l => Matches(l, spelling)), $"{confPath}: {spelling} is not refused (a location returning 404 for every spelling of /metrics)");
        }

        // The compose health check calls a path nginx answers.
        var test = string.Join(' ', Node.Strings(proxy.Healthcheck, "test"));
        var healthPath = Regex.Match(test, @"https?://[^/\s]+(/[^\s""]*)").Groups[1].Value;
        if (healthPath.Length > 0)
        {
            problems.Require(locations.Any(l => l.Arguments.LastOrDefault() == healthPath), $"{confPath}: the '{proxy.Name}' healthcheck calls {healthPath}, which no location serves");
        }

        return problems;
    }

    public static readonly string[] MetricsSpellings = ["/metrics", "/METRICS", "/Metrics/", "/metrics/", "//metrics", "/metrics/x"];

    /// <summary>Whether a location's match (nginx: <c>= p</c>, <c>^~ p</c>, <c>p</c>, <c>~ re</c>, <c>~* re</c>) takes the path.</summary>
    private static bool Matches(NginxBlock location, string path)
    {
        var args = location.Arguments;
        if (args.Count == 2 && args[0] is "~" or "~*")
            return Regex.IsMatch(path, args[1], args[0] == "~*" ? RegexOptions.IgnoreCase : RegexOptions.None);
        if (args.Count == 2 && args[0] == "=") return path == args[1];
        return path.StartsWith(args[^1], StringComparison.Ordinal); // prefix (nginx merges slashes before matching, so this errs strict)
    }

    /// <summary>The service's Ingestion:MaxRequestBytes, from its appsettings.json.</summary>
    public static long? ServiceBodyLimit(RepoSnapshot repo) =>
        repo.Read(ServiceContract.AppSettings) is { } json
            ? System.Text.Json.Nodes.JsonNode.Parse(json)?["Ingestion"]?["MaxRequestBytes"]?.GetValue<long>()
            : null;

    /// <summary>An nginx size (<c>16m</c>, <c>512k</c>, <c>1g</c>, bytes) in bytes.</summary>
    private static long? Bytes(string? size)
    {
        if (size is null) return null;
        var m = Regex.Match(size, @"^(\d+)([kKmMgG])?$");
        if (!m.Success) return null;
        var n = long.Parse(m.Groups[1].Value);
        return m.Groups[2].Value.ToLowerInvariant() switch { "k" => n << 10, "m" => n << 20, "g" => n << 30, _ => n };
    }

    /// <summary>nginx inheritance: a location's own directives of that name replace the server's entirely.</summary>
    private static List<IReadOnlyList<string>> Effective(NginxBlock server, NginxBlock location, string directive)
    {
        var own = location.All(directive).ToList();
        return own.Count > 0 ? own : server.All(directive).ToList();
    }

    private static int? Seconds(string? value)
    {
        if (value is null) return null;
        var m = Regex.Match(value, @"^(\d+)(ms|s|m|h|d)?$");
        if (!m.Success) return null;
        var n = int.Parse(m.Groups[1].Value);
        return m.Groups[2].Value switch { "ms" => n / 1000, "m" => n * 60, "h" => n * 3600, "d" => n * 86400, _ => n };
    }
}
