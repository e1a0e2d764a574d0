using System.Text.RegularExpressions;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>
/// One coherent telemetry path: the API pushes OTLP to the collector (traces, logs) and
/// Prometheus scrapes every replica's /metrics. Checks the collector config, the OTLP
/// endpoint the API uses, Prometheus' targets and rules against the compose services.
/// </summary>
public static class TelemetryChecks
{
    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        var compose = ComposeChecks.Load(repo);
        var replicas = ComposeChecks.ApiReplicas(compose);
        var apiPort = DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort;

        var collectorConfig = CheckCollector(repo, compose, replicas, problems);
        CheckPrometheus(repo, compose, replicas, apiPort, collectorConfig, problems);
        return problems;
    }

    /// <summary>Reads the file a service's command-line option (e.g. --config=/path) names, through its bind mounts.</summary>
    public static (string? RepoPath, object? Tree) ConfigFileFromCommand(RepoSnapshot repo, ComposeModel compose, ComposeService service, string option, Problems problems)
    {
        var arg = service.Command.Select(c => Regex.Match(c, $"^{Regex.Escape(option)}=(.+)$")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        if (arg is null)
        {
            problems.Add($"compose: '{service.Name}' command has no {option}=<path>");
            return (null, null);
        }

        var repoPath = compose.ResolveContainerPath(service, arg);
        if (repoPath is null || repo.Read(repoPath) is not { } text)
        {
            problems.Add($"compose: '{service.Name}' reads {arg}, which no bind mount provides from an existing file");
            return (repoPath, null);
        }

        try
        {
            return (repoPath, Yaml.LoadSingle(text, repoPath));
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return (repoPath, null);
        }
    }

    private static object? CheckCollector(RepoSnapshot repo, ComposeModel compose, IReadOnlyList<ComposeService> replicas, Problems problems)
    {
        if (compose.Services.GetValueOrDefault(ComposeChecks.Collector) is not { } collector)
        {
            problems.Add($"compose: no '{ComposeChecks.Collector}' service");
            return null;
        }

        problems.Require(collector.Image?.StartsWith("otel/opentelemetry-collector-contrib:", StringComparison.Ordinal) == true,
            $"compose: '{collector.Name}' image {collector.Image} is not otel/opentelemetry-collector-contrib");
        var (path, config) = ConfigFileFromCommand(repo, compose, collector, "--config", problems);
        if (config is null) return null;

        // OTLP receiver on all interfaces; ports are what the collector service exposes.
        var protocols = new Dictionary<string, int>();
        foreach (var protocol in new[] { "grpc", "http" })
        {
            var endpoint = Node.Str(config, "receivers", "otlp", "protocols", protocol, "endpoint");
            if (endpoint is null) continue;
            var hp = endpoint.Split(':');
            problems.Require(hp[0] is "0.0.0.0" or "" or "[::]", $"{path}: otlp {protocol} receiver listens on {endpoint}; containers need 0.0.0.0");
            if (int.TryParse(hp[^1], out var port))
            {
                protocols[protocol] = port;
                problems.Require(collector.ContainerPorts.Contains(port), $"compose: '{collector.Name}' does not expose the otlp {protocol} port {port}");
            }
        }

        problems.Require(protocols.Count > 0, $"{path}: no otlp receiver with an endpoint");

        // Pipelines only use defined components; traces, metrics and logs are all accepted.
        var pipelines = Node.Map(Node.At(config, "service", "pipelines")) ?? new();
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            problems.Require(pipelines.Keys.Any(k => k.Split('/')[0] == signal), $"{path}: no {signal} pipeline (the API's OTLP {signal} would be rejected)");
        }

        foreach (var (name, pipeline) in pipelines)
        {
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                foreach (var component in Node.Strings(pipeline, kind))
                {
                    problems.Require(Node.At(config, kind, component) is not null || Node.Map(Node.At(config, kind))?.ContainsKey(component) == true,
                        $"{path}: pipeline {name} uses {kind[..^1]} '{component}', which is not defined");
                }
            }

            problems.Require(Node.Strings(pipeline, "receivers").Any() && Node.Strings(pipeline, "exporters").Any(), $"{path}: pipeline {name} needs receivers and exporters");
        }

        foreach (var extension in Node.Strings(config, "service", "extensions"))
        {
            problems.Require(Node.Map(Node.At(config, "extensions"))?.ContainsKey(extension) == true, $"{path}: service uses extension '{extension}', which is not defined");
        }

        // Exporters that forward to another service point at a compose service and port.
        foreach (var (name, exporter) in Node.Map(Node.At(config, "exporters")) ?? new())
        {
            if (Node.Str(exporter, "endpoint") is not { } endpoint) continue;
            var m = Regex.Match(endpoint, @"^(?:[a-z]+://)?([^:/]+):(\d+)");
            if (!m.Success) continue;
            ComposeChecks.CheckServiceAddress(compose, $"{path}: exporter {name}", "endpoint", m.Groups[1].Value, int.Parse(m.Groups[2].Value), problems);
        }

        // Metrics have one path: Prometheus scrapes the replicas, so the collector must not re-export them to Prometheus.
        var metricExporters = pipelines.Where(p => p.Key.Split('/')[0] == "metrics").SelectMany(p => Node.Strings(p.Value, "exporters"));
        foreach (var exporter in metricExporters.Where(e => e.Split('/')[0] is "prometheus" or "prometheusremotewrite"))
        {
            problems.Add($"{path}: metrics pipeline exports to {exporter}, but Prometheus already scrapes each replica's /metrics (series would be counted twice)");
        }

        // The API's OTLP endpoint is this collector, on the port of the protocol it speaks.
        foreach (var r in replicas)
        {
            var env = r.Environment;
            var where = $"compose: '{r.Name}'";
            var endpoint = env.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT");
            problems.Require(env.GetValueOrDefault("OTEL_SERVICE_NAME") == ServiceContract.ServiceName, $"{where} OTEL_SERVICE_NAME must be {ServiceContract.ServiceName}");
            if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            {
                problems.Add($"{where} OTEL_EXPORTER_OTLP_ENDPOINT is missing or not a URL");
                continue;
            }

            problems.Require(uri.Host == collector.Name, $"{where} OTEL_EXPORTER_OTLP_ENDPOINT host '{uri.Host}' is not the '{collector.Name}' service");
            var protocol = env.GetValueOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL") ?? "grpc";
            problems.Require(protocol is "grpc" or "http/protobuf", $"{where} OTEL_EXPORTER_OTLP_PROTOCOL '{protocol}' must be grpc or http/protobuf");
            var key = protocol == "grpc" ? "grpc" : "http";
            problems.Require(protocols.TryGetValue(key, out var expected) && expected == uri.Port,
                $"{where} sends OTLP {protocol} to port {uri.Port}, but the collector's {key} receiver is on {(protocols.TryGetValue(key, out var e) ? e : "no port")}");
        }

        return config;
    }

    private static void CheckPrometheus(RepoSnapshot repo, ComposeModel compose, IReadOnlyList<ComposeService> replicas, int apiPort, object? collectorConfig, Problems problems)
    {
        if (compose.Services.GetValueOrDefault(ComposeChecks.Prometheus) is not { } prometheus)
        {
            problems.Add($"compose: no '{ComposeChecks.Prometheus}' service");
            return;
        }

        var (path, config) = ConfigFileFromCommand(repo, compose, prometheus, "--config.file", problems);
        if (config is null) return;

        var jobs = Node.Maps(config, "scrape_configs").ToList();
        problems.Require(jobs.Count > 0, $"{path}: no scrape_configs");
        var scraped = new HashSet<string>();
        foreach (var job in jobs)
        {
            var name = Node.Str(job, "job_name") ?? "?";
            problems.Require(Node.Str(job, "job_name") is not null, $"{path}: a scrape config has no job_name");
            var metricsPath = Node.Str(job, "metrics_path") ?? "/metrics";
            foreach (var target in Node.Maps(job, "static_configs").SelectMany(sc => Node.Strings(sc, "targets")))
            {
                var hp = target.Split(':');
                if (hp.Length != 2 || !int.TryParse(hp[1], out var port))
                {
                    problems.Add($"{path}: job {name} target '{target}' is not host:port");
                    continue;
                }

                if (hp[0] == "localhost") continue; // Prometheus itself
                ComposeChecks.CheckServiceAddress(compose, $"{path}: job {name}", "target", hp[0], port, problems);
                if (replicas.Any(r => r.Name == hp[0]))
                {
                    scraped.Add(hp[0]);
                    problems.Require(port == ServiceContract.ManagementPort, $"{path}: job {name} scrapes {target}, not the management port {ServiceContract.ManagementPort} (the only one that serves /metrics)");
                    problems.Require(metricsPath == ServiceContract.MetricsPath, $"{path}: job {name} scrapes {metricsPath}, the API serves {ServiceContract.MetricsPath}");
                }

                if (hp[0] == ComposeChecks.Collector && collectorConfig is not null)
                {
                    var telemetryPort = Node.Maps(collectorConfig, "service", "telemetry", "metrics", "readers")
                        .Select(r => Node.Int(r, "pull", "exporter", "prometheus", "port")).FirstOrDefault(p => p is not null);
                    problems.Require(telemetryPort == port, $"{path}: job {name} scrapes the collector on {port}, but its own telemetry is served on {telemetryPort?.ToString() ?? "no port"}");
                }
            }
        }

        foreach (var r in replicas)
        {
            problems.Require(scraped.Contains(r.Name), $"{path}: API replica '{r.Name}' is not scraped");
        }

        // Rule files: mounted, parse, and query known metrics only.
        foreach (var ruleFile in Node.Strings(config, "rule_files"))
        {
            var rulePath = compose.ResolveContainerPath(prometheus, ruleFile);
            if (rulePath is null || repo.Read(rulePath) is not { } text)
            {
                problems.Add($"{path}: rule file {ruleFile} is not mounted from an existing file");
                continue;
            }

            object? rules;
            try
            {
                rules = Yaml.LoadSingle(text, rulePath);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
                continue;
            }

            var count = 0;
            foreach (var group in Node.Maps(rules, "groups"))
            {
                foreach (var rule in Node.Maps(group, "rules"))
                {
                    count++;
                    var label = Node.Str(rule, "alert") ?? Node.Str(rule, "record") ?? "?";
                    problems.Require(Node.Str(rule, "alert") is not null || Node.Str(rule, "record") is not null, $"{rulePath}: a rule has neither alert nor record");
                    var expr = Node.Str(rule, "expr");
                    if (expr is null)
                    {
                        problems.Add($"{rulePath}: rule {label} has no expr");
                        continue;
                    }

                    CheckQuery(expr, $"{rulePath}: rule {label}", problems);
                }
            }

            problems.Require(count > 0, $"{rulePath}: no rules");
        }
    }

    /// <summary>A PromQL query selects at least one metric, and only ones the service (or Prometheus) exports.</summary>
    public static IReadOnlyList<string> CheckQuery(string expr, string where, Problems problems)
    {
        var names = PromQl.MetricNames(expr);
        problems.Require(names.Count > 0, $"{where}: query selects no metric: {expr}");
        foreach (var name in names)
        {
            problems.Require(ServiceContract.QueryableMetrics.Contains(name), $"{where}: query uses '{name}', which the service does not export");
        }

        return names;
    }
}
