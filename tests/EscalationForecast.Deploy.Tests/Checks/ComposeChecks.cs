using System.Text.RegularExpressions;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>deploy/compose/docker-compose.yml: services, builds, dependencies, volumes, ports and the API's configuration.</summary>
public static class ComposeChecks
{
    public const string ComposePath = "deploy/compose/docker-compose.yml";
    public const string Postgres = "postgres";
    public const string Proxy = "proxy";
    public const string Collector = "otel-collector";
    public const string Prometheus = "prometheus";
    public const string Grafana = "grafana";
    public const int ProxyHostPort = 8080;

    private static readonly string[] Conditions = ["service_started", "service_healthy", "service_completed_successfully"];
    private static readonly string[] Scopes = ["read", "write", "admin"];

    public static ComposeModel Load(RepoSnapshot repo) => ComposeModel.Load(repo, ComposePath);

    /// <summary>The API replicas: services named api-N.</summary>
    public static IReadOnlyList<ComposeService> ApiReplicas(ComposeModel compose) =>
        compose.Services.Values.Where(s => Regex.IsMatch(s.Name, @"^api-\d+$")).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>Repository path of the Dockerfile a service builds from, or null.</summary>
    public static string? DockerfileOf(ComposeModel compose, ComposeService service) =>
        service.BuildContext is { } ctx ? RepoSnapshot.Combine(RepoSnapshot.Combine(compose.Directory, ctx), service.BuildDockerfile!) : null;

    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        ComposeModel compose;
        try
        {
            compose = Load(repo);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            problems.Add(e.Message);
            return problems;
        }

        var services = compose.Services;
        problems.Require(services.Count > 0, "compose: no services");
        var apiPort = DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort;

        // Every service has an image or a build whose context and Dockerfile exist.
        foreach (var s in services.Values)
        {
            problems.Require(s.Image is not null || s.Build is not null, $"compose: service '{s.Name}' has neither image nor build");
            if (s.BuildContext is { } ctx)
            {
                var contextPath = RepoSnapshot.Combine(compose.Directory, ctx);
                problems.Require(repo.DirectoryExists(contextPath), $"compose: service '{s.Name}' build context '{ctx}' ({contextPath}) does not exist");
                var dockerfile = DockerfileOf(compose, s)!;
                problems.Require(repo.FileExists(dockerfile), $"compose: service '{s.Name}' Dockerfile {dockerfile} does not exist");
            }
        }

        // API replicas: at least two, one build, one image, read-only root with /tmp writable.
        var replicas = ApiReplicas(compose);
        problems.Require(replicas.Count >= 2, $"compose: expected at least two API replicas (api-1, api-2), found {replicas.Count}");
        foreach (var r in replicas)
        {
            problems.Require(DockerfileOf(compose, r) == DockerfileChecks.DockerfilePath && RepoSnapshot.Combine(compose.Directory, r.BuildContext ?? "?") == DockerfileChecks.Context,
                $"compose: API replica '{r.Name}' must build {DockerfileChecks.DockerfilePath} with the repository root as context");
            problems.Require(Node.Bool(r.Raw, "read_only") == true, $"compose: API replica '{r.Name}' should run with read_only: true");
            problems.Require(Node.Strings(r.Raw, "tmpfs").Any(t => t.Split(':')[0] == "/tmp"), $"compose: API replica '{r.Name}' needs a tmpfs at /tmp (its only writable path)");
            problems.Require(r.ContainerPorts.Contains(apiPort), $"compose: API replica '{r.Name}' does not expose the API port {apiPort}");
            problems.Require(r.DependsOn.GetValueOrDefault(Postgres) is "service_healthy", $"compose: API replica '{r.Name}' must depend on '{Postgres}' being healthy");
            CheckApiEnvironment(compose, r, apiPort, problems);
        }

        if (replicas.Count >= 2)
        {
            var first = replicas[0];
            foreach (var r in replicas.Skip(1))
            {
                problems.Require(r.Image == first.Image && DockerfileOf(compose, r) == DockerfileOf(compose, first) && r.BuildContext == first.BuildContext,
                    $"compose: API replicas '{first.Name}' and '{r.Name}' must share one build and image");
            }
        }

        // One migration path: the replicas apply the schema at start; nothing runs `db-apply` beside them.
        foreach (var s in services.Values.Where(s => s.Command.Contains(ServiceContract.MigrateCommand)))
        {
            problems.Add($"compose: '{s.Name}' runs {ServiceContract.MigrateCommand}, but the replicas apply the schema at start (one migration path)");
        }

        // Secrets: no value, no default; each must come from .env (${X:?...}), so compose refuses to start without them.
        foreach (var s in services.Values)
        {
            foreach (var (key, value) in s.Environment.Where(kv => IsSecret(kv.Key)))
            {
                problems.Require(value.Contains("${") && !ComposeModel.DefaultedVariables(value).Any(),
                    $"compose: '{s.Name}' {key} must read its secret from .env as ${{NAME:?message}}, with no default or literal value");
            }
        }

        // Only the proxy is reachable beyond this machine; Prometheus has no HTTP lifecycle endpoint.
        foreach (var s in services.Values.Where(s => s.Name != Proxy))
        {
            foreach (var p in s.Ports.Where(p => p.HostPort is not null))
            {
                problems.Require(p.HostIp is "127.0.0.1" or "[::1]" or "::1", $"compose: '{s.Name}' publishes host port {p.HostPort} on every interface; bind it to 127.0.0.1");
            }
        }
        if (services.GetValueOrDefault(Prometheus) is { } prometheus)
        {
            problems.Require(!prometheus.Command.Any(c => c.Contains("web.enable-lifecycle", StringComparison.Ordinal)),
                $"compose: '{Prometheus}' enables --web.enable-lifecycle (anyone who reaches it can stop it)");
        }

        // PostgreSQL 15 with a health check and a named data volume.
        if (services.GetValueOrDefault(Postgres) is not { } pg)
        {
            problems.Add($"compose: no '{Postgres}' service");
        }
        else
        {
            problems.Require(pg.Image == "postgres:15", $"compose: '{Postgres}' image is {pg.Image}, expected postgres:15");
            problems.Require(pg.Healthcheck is not null && !pg.HealthcheckDisabled, $"compose: '{Postgres}' needs a healthcheck");
            problems.Require(pg.Volumes.Any(v => !v.IsBind && v.Target == "/var/lib/postgresql/data"),
                $"compose: '{Postgres}' data (/var/lib/postgresql/data) must be on a named volume");
        }

        // depends_on: targets exist, conditions are valid and satisfiable.
        var dockerfileHasHealthcheck = DockerfileChecks.HasHealthCheck(repo);
        foreach (var s in services.Values)
        {
            foreach (var (target, condition) in s.DependsOn)
            {
                problems.Require(Conditions.Contains(condition), $"compose: '{s.Name}' depends_on '{target}' with unknown condition '{condition}'");
                if (!services.TryGetValue(target, out var t))
                {
                    problems.Add($"compose: '{s.Name}' depends_on '{target}', which is not a service");
                    continue;
                }

                problems.Require(t.Profiles.Count == 0 || t.Profiles.Intersect(s.Profiles).Any(),
                    $"compose: '{s.Name}' depends_on '{target}', which only exists in profile(s) {string.Join(", ", t.Profiles)}");
                if (condition == "service_healthy")
                {
                    var healthy = !t.HealthcheckDisabled &&
                                  (t.Healthcheck is not null || (DockerfileOf(compose, t) == DockerfileChecks.DockerfilePath && dockerfileHasHealthcheck));
                    problems.Require(healthy, $"compose: '{s.Name}' waits for '{target}' to be healthy, but '{target}' has no health check");
                }
            }
        }

        // Volumes: named ones declared, bind mounts exist.
        foreach (var s in services.Values)
        {
            foreach (var v in s.Volumes)
            {
                if (v.IsBind)
                {
                    var host = compose.HostPath(v);
                    problems.Require(repo.FileExists(host) || repo.DirectoryExists(host), $"compose: '{s.Name}' mounts {v.Source} ({host}), which does not exist");
                }
                else
                {
                    problems.Require(compose.NamedVolumes.Contains(v.Source), $"compose: '{s.Name}' uses volume '{v.Source}', not declared under top-level volumes");
                }
            }
        }

        // Host ports: unique, and the proxy is the entry point on 8080.
        var published = services.Values.SelectMany(s => s.Ports.Where(p => p.HostPort is not null).Select(p => (s.Name, Port: p.HostPort!.Value))).ToList();
        foreach (var dup in published.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            problems.Add($"compose: host port {dup.Key} is published by {string.Join(" and ", dup.Select(d => d.Name))}");
        }

        problems.Require(services.GetValueOrDefault(Proxy)?.Ports.Any(p => p.HostPort == ProxyHostPort) == true,
            $"compose: '{Proxy}' must publish host port {ProxyHostPort}");
        foreach (var r in replicas)
        {
            problems.Require(r.Ports.All(p => p.HostPort is null), $"compose: API replica '{r.Name}' publishes a host port; traffic must go through '{Proxy}'");
        }

        CheckTransportSwitches(repo, compose, problems);
        return problems;
    }

    private static void CheckApiEnvironment(ComposeModel compose, ComposeService s, int apiPort, Problems problems)
    {
        var env = s.Environment;
        var where = $"compose: '{s.Name}'";

        // Connection string points at the postgres service with its credentials.
        var cs = ComposeModel.Defaulted(env.GetValueOrDefault("ConnectionStrings__Marten"));
        problems.Require(cs is not null, $"{where} has no ConnectionStrings__Marten");
        if (cs is not null && compose.Services.GetValueOrDefault(Postgres) is { } pg)
        {
            var parts = ConnectionString(cs);
            var pgEnv = pg.Environment;
            problems.Require(parts.GetValueOrDefault("host") == Postgres, $"{where} ConnectionStrings__Marten Host is '{parts.GetValueOrDefault("host")}', expected '{Postgres}'");
            problems.Require(parts.GetValueOrDefault("port") is null or "5432", $"{where} ConnectionStrings__Marten Port must be PostgreSQL's 5432");
            problems.Require(parts.GetValueOrDefault("database") == ComposeModel.Defaulted(pgEnv.GetValueOrDefault("POSTGRES_DB")),
                $"{where} ConnectionStrings__Marten Database differs from {Postgres}'s POSTGRES_DB");
            problems.Require(parts.GetValueOrDefault("username") == ComposeModel.Defaulted(pgEnv.GetValueOrDefault("POSTGRES_USER")),
                $"{where} ConnectionStrings__Marten Username differs from {Postgres}'s POSTGRES_USER");
            problems.Require(parts.GetValueOrDefault("password") == ComposeModel.Defaulted(pgEnv.GetValueOrDefault("POSTGRES_PASSWORD")),
                $"{where} ConnectionStrings__Marten Password differs from {Postgres}'s POSTGRES_PASSWORD");
        }

        // Listening ports, if set here, are the image's: the API and the management port.
        if (env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") is { } ports)
            problems.Require(ports == apiPort.ToString(), $"{where} ASPNETCORE_HTTP_PORTS={ports}, but the image listens on {apiPort}");
        if (env.GetValueOrDefault("ASPNETCORE_URLS") is { } urls)
            problems.Require(DockerfileChecks.ListensOn(urls, apiPort) && DockerfileChecks.ListensOn(urls, ServiceContract.ManagementPort),
                $"{where} ASPNETCORE_URLS={urls} must be http://+:{apiPort};http://+:{ServiceContract.ManagementPort}");
        problems.Require(env.GetValueOrDefault("Management__Port") == ServiceContract.ManagementPort.ToString(),
            $"{where} Management__Port must be {ServiceContract.ManagementPort} (metrics off the proxied port)");
        problems.Require(env.GetValueOrDefault("Samples__LoadOnEmptyStore") == "false", $"{where} must set Samples__LoadOnEmptyStore=false (no demo data in production)");

        // Forwarded headers from the proxy alone: its fixed address on the compose network.
        problems.Require(!env.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), $"{where} sets ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts every client's X-Forwarded-For");
        var proxyAddress = compose.Services.GetValueOrDefault(Proxy) is { } proxy ? Node.Str(proxy.Raw, "networks", "default", "ipv4_address") : null;
        problems.Require(proxyAddress is not null && env.GetValueOrDefault("ForwardedHeaders__KnownProxies__0") == proxyAddress,
            $"{where} ForwardedHeaders__KnownProxies__0 must be the '{Proxy}' service's fixed address ({proxyAddress ?? "none set"})");

        // API keys: a key and known scopes.
        problems.Require(!string.IsNullOrEmpty(env.GetValueOrDefault("Security__ApiKeys__0__key")), $"{where} has no Security__ApiKeys__0__key");
        foreach (var (k, v) in env.Where(kv => Regex.IsMatch(kv.Key, @"^Security__ApiKeys__\d+__scopes__\d+$")))
        {
            problems.Require(Scopes.Contains(v), $"{where} {k}={v} is not one of {string.Join(", ", Scopes)}");
        }

        // Alert transport and the broker addresses it would use; every Alerting__ key is one the service reads.
        foreach (var key in env.Keys.Where(k => !ServiceContract.IsKnownAlertingKey(k)))
        {
            problems.Add($"{where} {key} is not a setting the service reads (AlertingOptions)");
        }

        var transport = ComposeModel.Defaulted(env.GetValueOrDefault("Alerting__Transport")) ?? "Local";
        problems.Require(ServiceContract.Transports.Contains(transport), $"{where} Alerting__Transport default '{transport}' is not one of {string.Join(", ", ServiceContract.Transports)}");
        if (env.GetValueOrDefault("Alerting__RabbitMq__Uri") is { } uri)
        {
            var u = Uri.TryCreate(ComposeModel.Defaulted(uri), UriKind.Absolute, out var parsed) ? parsed : null;
            problems.Require(u?.Scheme == "amqp", $"{where} Alerting__RabbitMq__Uri must be an amqp:// URI");
            if (u is not null) CheckServiceAddress(compose, where, "Alerting__RabbitMq__Uri", u.Host, u.IsDefaultPort ? 5672 : u.Port, problems);
        }

        if (env.GetValueOrDefault("Alerting__Kafka__BootstrapServers") is { } bootstrap)
        {
            foreach (var server in bootstrap.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var hp = server.Split(':');
                var port = hp.Length == 2 && int.TryParse(hp[1], out var p) ? p : 9092;
                CheckServiceAddress(compose, where, "Alerting__Kafka__BootstrapServers", hp[0], port, problems);
                if (compose.Services.GetValueOrDefault(hp[0]) is { } kafka && kafka.Environment.GetValueOrDefault("KAFKA_ADVERTISED_LISTENERS") is { } advertised)
                {
                    problems.Require(advertised.Split(',').Any(l => l.EndsWith($"//{hp[0]}:{port}", StringComparison.Ordinal)),
                        $"{where} Alerting__Kafka__BootstrapServers {server} is not among {hp[0]}'s KAFKA_ADVERTISED_LISTENERS ({advertised})");
                }
            }
        }
    }

    /// <summary>A host:port used by one service names another service that exposes that port.</summary>
    public static void CheckServiceAddress(ComposeModel compose, string where, string setting, string host, int port, Problems problems)
    {
        if (!compose.Services.TryGetValue(host, out var target))
        {
            problems.Add($"{where} {setting} points at '{host}', which is not a compose service");
            return;
        }

        problems.Require(target.ContainerPorts.Contains(port), $"{where} {setting} uses {host}:{port}, but '{host}' exposes {string.Join(", ", target.ContainerPorts.Order())}");
    }

    /// <summary>transport-*.env: each switches the transport and enables the profile of the broker it then uses.</summary>
    private static void CheckTransportSwitches(RepoSnapshot repo, ComposeModel compose, Problems problems)
    {
        var files = repo.FilesUnder(compose.Directory).Where(f => Regex.IsMatch(f, @"/transport-[^/]+\.env$")).ToList();
        var replica = ApiReplicas(compose).FirstOrDefault();
        problems.Require(files.Count >= 2, "compose: expected transport-rabbitmq.env and transport-kafka.env switches");
        foreach (var file in files)
        {
            var vars = (repo.Read(file) ?? "").Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
                .Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());
            var transport = vars.GetValueOrDefault("ALERTING_TRANSPORT");
            var profiles = (vars.GetValueOrDefault("COMPOSE_PROFILES") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (transport is null || !ServiceContract.TransportSetting.TryGetValue(transport, out var setting))
            {
                problems.Add($"{file}: ALERTING_TRANSPORT '{transport}' must be RabbitMq or Kafka");
                continue;
            }

            problems.Require(replica?.Environment.GetValueOrDefault("Alerting__Transport")?.Contains("${ALERTING_TRANSPORT") == true,
                $"{file}: the API's Alerting__Transport does not read ${{ALERTING_TRANSPORT}}, so this switch does nothing");

            // The broker host the API would use must be started by the enabled profile.
            var address = replica?.Environment.GetValueOrDefault(setting);
            var host = address is null ? null
                : setting.EndsWith("Uri", StringComparison.Ordinal) && Uri.TryCreate(ComposeModel.Defaulted(address), UriKind.Absolute, out var u) ? u.Host
                : address.Split(',')[0].Split(':')[0];
            var broker = host is null ? null : compose.Services.GetValueOrDefault(host);
            problems.Require(broker is not null, $"{file}: the API's {setting} names no compose service");
            if (broker is not null)
            {
                problems.Require(broker.Profiles.Count > 0 && broker.Profiles.Intersect(profiles).Any(),
                    $"{file}: COMPOSE_PROFILES={string.Join(',', profiles)} does not start '{broker.Name}' (profiles: {string.Join(", ", broker.Profiles)})");
            }
        }
    }

    /// <summary>Environment keys that carry a secret: passwords, API keys, connection strings and broker URIs (which hold passwords).</summary>
    public static bool IsSecret(string key) =>
        key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || key.Contains("_PASS", StringComparison.Ordinal)
        || Regex.IsMatch(key, @"^Security__ApiKeys__\d+__key$") || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || key == "Alerting__RabbitMq__Uri";

    public static Dictionary<string, string> ConnectionString(string cs) =>
        cs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim().ToLowerInvariant() switch { "server" => "host", "user id" or "user" or "userid" => "username", var k => k })
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
}
