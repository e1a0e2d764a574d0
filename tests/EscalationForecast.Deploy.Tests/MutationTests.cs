using EscalationForecast.Deploy.Tests.Checks;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests;

/// <summary>
/// Every check can fail: each case breaks one thing in an in-memory copy of the
/// repository (the files on disk are untouched) and asserts that the check
/// guarding it reports the expected problem. A case whose text is no longer
/// in the file fails too, so the list cannot silently go stale.
/// </summary>
public class MutationTests
{
    public sealed record Mutation(string Name, Func<RepoSnapshot, RepoSnapshot> Apply, Func<RepoSnapshot, Problems> Check, string Expect);

    private const string Dockerfile = "deploy/Dockerfile";
    private const string Compose = "deploy/compose/docker-compose.yml";
    private const string Nginx = "deploy/compose/nginx/default.conf";
    private const string Collector = "deploy/compose/otel-collector/config.yaml";
    private const string Prometheus = "deploy/compose/prometheus/prometheus.yml";
    private const string Rules = "deploy/compose/prometheus/alerts.yml";
    private const string Datasources = "deploy/compose/grafana/provisioning/datasources/datasources.yml";
    private const string Providers = "deploy/compose/grafana/provisioning/dashboards/dashboards.yml";
    private const string Dashboard = "deploy/compose/grafana/dashboards/escalation-forecast.json";
    private const string K8s = "deploy/k8s/base/";
    private const string Overlays = "deploy/k8s/overlays/";

    private static Mutation Edit(string name, string path, string find, string replace, Func<RepoSnapshot, Problems> check, string expect) =>
        new(name, r => r.WithEdit(path, find, replace), check, expect);

    private static Problems Parse(RepoSnapshot r) => ParseChecks.Check(r);
    private static Problems Docker(RepoSnapshot r) => DockerfileChecks.Check(r);
    private static Problems ComposeC(RepoSnapshot r) => ComposeChecks.Check(r);
    private static Problems Proxy(RepoSnapshot r) => ProxyChecks.Check(r);
    private static Problems Telemetry(RepoSnapshot r) => TelemetryChecks.Check(r);
    private static Problems Grafana(RepoSnapshot r) => GrafanaChecks.Check(r);
    private static Problems K8sBase(RepoSnapshot r) => K8sChecks.CheckBase(r);
    private static Problems K8sOverlays(RepoSnapshot r) => K8sChecks.CheckOverlays(r);

    public static readonly IReadOnlyList<Mutation> All =
    [
        // --- parsing
        Edit("yaml-syntax-error", Prometheus, "scrape_configs:", "scrape_configs: [", Parse, "YAML does not parse"),
        Edit("json-syntax-error", Dashboard, "\"uid\": \"escalation-forecast\",", "\"uid\": \"escalation-forecast\",,", Parse, "JSON does not parse"),
        Edit("yaml-duplicate-key", K8s + "service.yaml", "  type: ClusterIP", "  type: ClusterIP\n  type: NodePort", Parse, "service.yaml: YAML"),
        new("yaml-scalar-document", r => r.WithFile(K8s + "pdb.yaml", r.Read(K8s + "pdb.yaml") + "---\njust a string\n"), Parse, "document 2 is not a non-empty mapping"),

        // --- Dockerfile
        Edit("dockerfile-single-stage", Dockerfile, "FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build", "", Docker, "multi-stage"),
        Edit("dockerfile-root-user", Dockerfile, "USER $APP_UID", "USER root", Docker, "USER root is not"),
        Edit("dockerfile-no-user", Dockerfile, "USER $APP_UID", "", Docker, "has no USER"),
        Edit("dockerfile-no-healthcheck", Dockerfile, "HEALTHCHECK --interval", "# HEALTHCHECK --interval", Docker, "no HEALTHCHECK"),
        Edit("dockerfile-healthcheck-port", Dockerfile, "/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/5000", Docker, "HEALTHCHECK does not target port 8080"),
        Edit("dockerfile-healthcheck-curl", Dockerfile, "CMD [\"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/8080", "CMD [\"bash\", \"-c\", \"curl -f http://localhost:8080/health/live; exec 3<>/dev/tcp/127.0.0.1/8080", Docker, "curl/wget"),
        Edit("dockerfile-expose", Dockerfile, "EXPOSE 8080", "EXPOSE 5000", Docker, "EXPOSE 5000 does not match"),
        Edit("dockerfile-urls-loopback", Dockerfile, "ASPNETCORE_URLS=\"http://+:8080;", "ASPNETCORE_URLS=\"http://localhost:8080;", Docker, "ASPNETCORE_URLS must listen"),
        Edit("dockerfile-urls-no-management", Dockerfile, ";http://+:8081\"", "\"", Docker, "ports 8080 and 8081"),
        Edit("dockerfile-management-port", Dockerfile, "Management__Port=8081", "Management__Port=8080", Docker, "Management__Port must be 8081"),
        Edit("dockerfile-samples-on", Dockerfile, "Samples__LoadOnEmptyStore=false", "Samples__LoadOnEmptyStore=true", Docker, "Samples__LoadOnEmptyStore must be false"),
        Edit("dockerfile-entrypoint", Dockerfile, "\"EscalationForecast.Api.dll\"]", "\"EscalationForecast.dll\"]", Docker, "ENTRYPOINT is [dotnet, EscalationForecast.dll]"),
        Edit("dockerfile-runtime-image", Dockerfile, "FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime", "FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS runtime", Docker, "final stage runs FROM mcr.microsoft.com/dotnet/sdk:10.0"),
        Edit("dockerfile-copy-missing-file", Dockerfile, "COPY src/EscalationForecast.Hawkes/EscalationForecast.Hawkes.csproj src/EscalationForecast.Hawkes/", "COPY src/EscalationForecast.Missing/EscalationForecast.Missing.csproj src/EscalationForecast.Missing/", Docker, "COPY source 'src/EscalationForecast.Missing/EscalationForecast.Missing.csproj' does not exist"),
        Edit("dockerfile-restore-layer-misses-props", Dockerfile, "COPY src/Directory.Build.props src/Directory.Packages.props src/", "COPY src/Directory.Build.props src/", Docker, "does not COPY src/Directory.Packages.props"),
        new("dockerfile-restore-layer-misses-new-project-reference",
            r => r.WithFile("src/EscalationForecast.Plugins/EscalationForecast.Plugins.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />")
                  .WithEdit(ServiceContract.ApiProject, "<ProjectReference Include=\"..\\EscalationForecast.Hawkes\\EscalationForecast.Hawkes.csproj\" />",
                      "<ProjectReference Include=\"..\\EscalationForecast.Hawkes\\EscalationForecast.Hawkes.csproj\" /><ProjectReference Include=\"..\\EscalationForecast.Plugins\\EscalationForecast.Plugins.csproj\" />"),
            Docker, "does not COPY src/EscalationForecast.Plugins/EscalationForecast.Plugins.csproj"),
        Edit("dockerfile-publish-output", Dockerfile, "--output /app", "--output /out", Docker, "publish writes to /out"),
        Edit("dockerignore-hides-src", "deploy/Dockerfile.dockerignore", "**/bin/", "src/\n**/bin/", Docker, "excluded by deploy/Dockerfile.dockerignore"),
        Edit("dockerignore-keeps-obj", "deploy/Dockerfile.dockerignore", "**/obj/", "", Docker, "must exclude bin/ and obj/"),
        Edit("dockerignore-keeps-local-cluster", "deploy/Dockerfile.dockerignore", "**/.data/\n", "", Docker, "does not exclude src/EscalationForecast.Api/.data/postgres/password"),
        Edit("dockerignore-keeps-env-file", "deploy/Dockerfile.dockerignore", "**/.env\n", "", Docker, "does not exclude src/EscalationForecast.Api/.env"),

        // --- compose
        Edit("compose-replicas-diverge", Compose, "  api-2:\n    <<: *api\n", "  api-2:\n    <<: *api\n    image: escalation-forecast:other\n", ComposeC, "must share one build and image"),
        Edit("compose-replica-not-built-from-dockerfile", Compose, "  api-2:\n    <<: *api\n", "  api-2:\n    <<: *api\n    build: .\n", ComposeC, "API replica 'api-2' must build deploy/Dockerfile"),
        Edit("compose-build-context-missing", Compose, "    context: ../..", "    context: ../../app", ComposeC, "does not exist"),
        Edit("compose-depends-on-unknown", Compose, "      otel-collector:\n        condition: service_started", "      otel-collectr:\n        condition: service_started", ComposeC, "'otel-collectr', which is not a service"),
        Edit("compose-second-migration-path", Compose, "  api-2:\n    <<: *api\n", "  migrate:\n    <<: *api\n    command: [\"db-apply\"]\n  api-2:\n    <<: *api\n", ComposeC, "'migrate' runs db-apply"),
        Edit("compose-postgres-no-healthcheck", Compose, "    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready", "    x-healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready", ComposeC, "'postgres' has no health check"),
        Edit("compose-postgres-version", Compose, "image: postgres:15", "image: postgres:17", ComposeC, "expected postgres:15"),
        Edit("compose-undeclared-volume", Compose, "      - pgdata:/var/lib/postgresql/data", "      - pgdata2:/var/lib/postgresql/data", ComposeC, "'pgdata2', not declared"),
        Edit("compose-bind-mount-missing", Compose, "./prometheus/alerts.yml:", "./prometheus/rules.yml:", ComposeC, "./prometheus/rules.yml (deploy/compose/prometheus/rules.yml), which does not exist"),
        Edit("compose-connection-string-host", Compose, "Host=postgres;", "Host=db;", ComposeC, "Host is 'db'"),
        Edit("compose-connection-string-password", Compose, "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?", "POSTGRES_PASSWORD: ${PG_PASSWORD:?", ComposeC, "Password differs"),
        Edit("compose-secret-default", Compose, "${API_KEY:?set API_KEY in .env (run ./generate-env.sh)}", "${API_KEY:-dev-admin-key-change-me}", ComposeC, "'api-1' Security__ApiKeys__0__key must read its secret from .env"),
        Edit("compose-grafana-default-password", Compose, "GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD in .env (run ./generate-env.sh)}", "GF_SECURITY_ADMIN_PASSWORD: admin", ComposeC, "'grafana' GF_SECURITY_ADMIN_PASSWORD must read its secret"),
        Edit("compose-prometheus-published", Compose, "\"127.0.0.1:9090:9090\"", "\"9090:9090\"", ComposeC, "'prometheus' publishes host port 9090 on every interface"),
        Edit("compose-grafana-published", Compose, "\"127.0.0.1:3000:3000\"", "\"3000:3000\"", ComposeC, "'grafana' publishes host port 3000 on every interface"),
        Edit("compose-prometheus-lifecycle", Compose, "      - --storage.tsdb.retention.time=15d\n", "      - --storage.tsdb.retention.time=15d\n      - --web.enable-lifecycle\n", ComposeC, "enables --web.enable-lifecycle"),
        Edit("compose-samples-on", Compose, "Samples__LoadOnEmptyStore: \"false\"", "Samples__LoadOnEmptyStore: \"true\"", ComposeC, "must set Samples__LoadOnEmptyStore=false"),
        Edit("compose-trust-every-proxy", Compose, "  ForwardedHeaders__KnownProxies__0: 172.30.80.10\n", "  ASPNETCORE_FORWARDEDHEADERS_ENABLED: \"true\"\n", ComposeC, "sets ASPNETCORE_FORWARDEDHEADERS_ENABLED"),
        Edit("compose-known-proxy-not-nginx", Compose, "ForwardedHeaders__KnownProxies__0: 172.30.80.10", "ForwardedHeaders__KnownProxies__0: 172.30.80.11", ComposeC, "must be the 'proxy' service's fixed address (172.30.80.10)"),
        Edit("compose-metrics-on-api-port", Compose, "  Management__Port: \"8081\"", "  Management__Port: \"8080\"", ComposeC, "Management__Port must be 8081"),
        Edit("compose-proxy-host-port", Compose, "\"8080:80\"", "\"8081:80\"", ComposeC, "must publish host port 8080"),
        Edit("compose-duplicate-host-port", Compose, "\"127.0.0.1:3000:3000\"", "\"127.0.0.1:9090:3000\"", ComposeC, "host port 9090 is published by"),
        Edit("compose-replica-published", Compose, "    hostname: api-1\n", "    hostname: api-1\n    ports:\n      - \"5000:8080\"\n", ComposeC, "publishes a host port"),
        Edit("compose-read-only-dropped", Compose, "  read_only: true", "  read_only: false", ComposeC, "read_only: true"),
        Edit("compose-api-port", Compose, "  ASPNETCORE_URLS: http://+:8080;", "  ASPNETCORE_URLS: http://+:5000;", ComposeC, "ASPNETCORE_URLS=http://+:5000;http://+:8081 must be"),
        Edit("compose-scope-unknown", Compose, "Security__ApiKeys__0__scopes__2: admin", "Security__ApiKeys__0__scopes__2: root", ComposeC, "is not one of read, write, admin"),
        Edit("compose-transport-unknown", Compose, "${ALERTING_TRANSPORT:-Local}", "${ALERTING_TRANSPORT:-Sqs}", ComposeC, "Alerting__Transport default 'Sqs'"),
        Edit("compose-rabbitmq-port", Compose, "@rabbitmq:5672/", "@rabbitmq:5673/", ComposeC, "uses rabbitmq:5673"),
        Edit("compose-kafka-not-advertised", Compose, "KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092", "KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092", ComposeC, "not among kafka's KAFKA_ADVERTISED_LISTENERS"),
        Edit("compose-alerting-key-unknown", Compose, "  Alerting__RabbitMq__Queue:", "  Alerting__RabbitMq__QueueName:", ComposeC, "Alerting__RabbitMq__QueueName is not a setting the service reads"),
        Edit("compose-transport-switch-wrong-profile", "deploy/compose/transport-rabbitmq.env", "COMPOSE_PROFILES=rabbitmq", "COMPOSE_PROFILES=kafka", ComposeC, "does not start 'rabbitmq'"),
        Edit("compose-transport-switch-unknown", "deploy/compose/transport-kafka.env", "ALERTING_TRANSPORT=Kafka", "ALERTING_TRANSPORT=kafka", ComposeC, "must be RabbitMq or Kafka"),
        Edit("compose-depends-on-profiled-service", Compose, "      otel-collector:\n        condition: service_started", "      rabbitmq:\n        condition: service_healthy", ComposeC, "only exists in profile(s) rabbitmq"),

        // --- proxy
        Edit("proxy-upstream-port", Nginx, "server api-1:8080", "server api-1:80", Proxy, "does not use the API container port 8080"),
        Edit("proxy-upstream-missing-replica", Nginx, "    server api-2:8080 max_fails=3 fail_timeout=10s;\n", "", Proxy, "'api-2' is missing"),
        Edit("proxy-upstream-unknown-host", Nginx, "server api-2:8080", "server api-9:8080", Proxy, "api-9:8080 is not an API replica"),
        Edit("proxy-sse-buffered", Nginx, "        proxy_buffering off;", "        proxy_buffering on;", Proxy, "proxy_buffering off"),
        Edit("proxy-sse-short-timeout", Nginx, "proxy_read_timeout 1h;", "proxy_read_timeout 30s;", Proxy, "proxy_read_timeout is 30s"),
        Edit("proxy-sse-location-missing", Nginx, "location ^~ /api/v1/alerts/stream {", "location ^~ /api/v1/alerts/history {", Proxy, "no location for /api/v1/alerts/stream"),
        Edit("proxy-no-forwarded-for", Nginx, "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n", "", Proxy, "X-Forwarded-For"),
        Edit("proxy-location-header-drops-inherited", Nginx, "        proxy_buffering off;", "        proxy_set_header Cache-Control no-cache;\n        proxy_buffering off;", Proxy, "location ^~ /api/v1/alerts/stream does not pass X-Forwarded-For"),
        Edit("proxy-listen-port", Nginx, "listen 80;", "listen 8080;", Proxy, "nginx listens on 8080"),
        Edit("proxy-proxy-pass-unknown-upstream", Nginx, "    location / {\n        proxy_pass http://escalation_api;", "    location / {\n        proxy_pass http://api;", Proxy, "proxies to 'api'"),
        Edit("proxy-syntax-missing-semicolon", Nginx, "return 404;", "return 404", Proxy, "missing ';'"),
        Edit("proxy-body-limit-short", Nginx, "client_max_body_size 16m;", "client_max_body_size 10m;", Proxy, "client_max_body_size is 10485760 bytes, but the service takes 16777216"),
        Edit("proxy-metrics-exact-only", Nginx, "location ~* ^/+metrics(/|$) {", "location = /metrics {", Proxy, "/METRICS is not refused"),
        Edit("proxy-metrics-case-sensitive", Nginx, "location ~* ^/+metrics(/|$) {", "location ~ ^/+metrics(/|$) {", Proxy, "/Metrics/ is not refused"),
        Edit("proxy-healthcheck-path", Compose, "http://127.0.0.1/nginx-health", "http://127.0.0.1/healthz", Proxy, "calls /healthz"),

        // --- telemetry
        Edit("otel-endpoint-port", Compose, "http://otel-collector:4317", "http://otel-collector:4318", Telemetry, "sends OTLP grpc to port 4318"),
        Edit("otel-endpoint-host", Compose, "http://otel-collector:4317", "http://collector:4317", Telemetry, "host 'collector' is not the 'otel-collector' service"),
        Edit("otel-protocol", Compose, "OTEL_EXPORTER_OTLP_PROTOCOL: grpc", "OTEL_EXPORTER_OTLP_PROTOCOL: http/json", Telemetry, "must be grpc or http/protobuf"),
        Edit("collector-receiver-loopback", Collector, "endpoint: 0.0.0.0:4317", "endpoint: localhost:4317", Telemetry, "containers need 0.0.0.0"),
        Edit("collector-undefined-exporter", Collector, "exporters: [otlp/jaeger]", "exporters: [otlp/tempo]", Telemetry, "exporter 'otlp/tempo', which is not defined"),
        Edit("collector-exporter-target", Collector, "endpoint: jaeger:4317", "endpoint: tempo:4317", Telemetry, "points at 'tempo', which is not a compose service"),
        Edit("collector-metrics-twice", Collector, "      processors: [memory_limiter, batch]\n      exporters: [debug]\n    logs:", "      processors: [memory_limiter, batch]\n      exporters: [prometheus]\n    logs:", Telemetry, "counted twice"),
        Edit("collector-no-logs-pipeline", Collector, "    logs:\n      receivers: [otlp]", "    traces/2:\n      receivers: [otlp]", Telemetry, "no logs pipeline"),
        Edit("collector-config-path", Compose, "--config=/etc/otelcol-contrib/config.yaml", "--config=/etc/otelcol/config.yaml", Telemetry, "no bind mount provides"),
        Edit("prometheus-unknown-target", Prometheus, "- api-2:8081", "- api-3:8081", Telemetry, "'api-2' is not scraped"),
        Edit("prometheus-wrong-port", Prometheus, "- api-1:8081", "- api-1:9464", Telemetry, "uses api-1:9464"),
        Edit("prometheus-scrapes-api-port", Prometheus, "- api-1:8081", "- api-1:8080", Telemetry, "not the management port 8081"),
        Edit("prometheus-metrics-path", Prometheus, "metrics_path: /metrics", "metrics_path: /prometheus", Telemetry, "scrapes /prometheus"),
        Edit("prometheus-collector-port", Prometheus, "- otel-collector:8888", "- otel-collector:13133", Telemetry, "its own telemetry is served on 8888"),
        Edit("prometheus-rule-unknown-metric", Rules, "escalation_projection_lag_events) > 1000", "escalation_projection_lag) > 1000", Telemetry, "'escalation_projection_lag', which the service does not export"),
        Edit("prometheus-rule-file-unmounted", Prometheus, "  - /etc/prometheus/alerts.yml", "  - /etc/prometheus/rules.yml", Telemetry, "rule file /etc/prometheus/rules.yml is not mounted"),

        // --- Grafana
        Edit("dashboard-unknown-metric", Dashboard, "escalation_alerts_deadlettered_total[$__rate_interval]", "escalation_alerts_dead_lettered_total[$__rate_interval]", Grafana, "'escalation_alerts_dead_lettered_total', which the service does not export"),
        Edit("dashboard-metric-not-charted", Dashboard, "max by (projection) (escalation_projection_lag_events)", "max by (projection) (escalation_risk_score)", Grafana, "no panel charts escalation_projection_lag_events"),
        Edit("dashboard-unknown-datasource", Dashboard, "\"uid\": \"prometheus\"", "\"uid\": \"prom\"", Grafana, "datasource uid 'prom', which is not provisioned"),
        Edit("dashboard-unknown-variable", Dashboard, "\"name\": \"theater\"", "\"name\": \"region\"", Grafana, "$theater, which is not a dashboard variable"),
        Edit("dashboard-variable-unknown-metric", Dashboard, "\"definition\": \"label_values(escalation_risk_score, theater)\"", "\"definition\": \"label_values(escalation_risk, theater)\"", Grafana, "reads 'escalation_risk'"),
        new("dashboard-file-removed", r => r.Without(Dashboard), Grafana, "holds no dashboard JSON"),
        Edit("grafana-provider-path", Providers, "path: /etc/grafana/dashboards", "path: /var/lib/grafana/dashboards", Grafana, "no 'grafana' bind mount provides"),
        Edit("grafana-datasource-port", Datasources, "url: http://prometheus:9090", "url: http://prometheus:9091", Grafana, "uses prometheus:9091"),
        Edit("grafana-datasource-host", Datasources, "url: http://jaeger:16686", "url: http://tempo:3200", Grafana, "'tempo', which is not a compose service"),
        Edit("grafana-home-dashboard", Compose, "/etc/grafana/dashboards/escalation-forecast.json", "/etc/grafana/dashboards/home.json", Grafana, "home dashboard"),
        Edit("grafana-provisioning-unmounted", Compose, "./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/provisioning:/etc/grafana/provision:ro", Grafana, "does not mount an existing provisioning folder"),

        // --- Kubernetes base
        Edit("k8s-readiness-port", K8s + "deployment.yaml", "              path: /health/ready\n              port: http", "              path: /health/ready\n              port: 9090", K8sBase, "readinessProbe port '9090'"),
        Edit("k8s-readiness-path", K8s + "deployment.yaml", "path: /health/ready", "path: /healthz", K8sBase, "readinessProbe probes /healthz"),
        Edit("k8s-liveness-path", K8s + "deployment.yaml", "          livenessProbe:\n            httpGet:\n              path: /health/live", "          livenessProbe:\n            httpGet:\n              path: /health/ready", K8sBase, "livenessProbe probes /health/ready"),
        Edit("k8s-no-startup-probe", K8s + "deployment.yaml", "startupProbe:", "x-startupProbe:", K8sBase, "no startupProbe"),
        Edit("k8s-container-port", K8s + "deployment.yaml", "containerPort: 8080", "containerPort: 5000", K8sBase, "no container declares containerPort 8080"),
        Edit("k8s-no-limits", K8s + "deployment.yaml", "            limits:\n              cpu: \"1\"\n              memory: 512Mi\n", "", K8sBase, "resources.limits.memory is not set"),
        Edit("k8s-writable-root", K8s + "deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", K8sBase, "readOnlyRootFilesystem must be true"),
        Edit("k8s-caps-not-dropped", K8s + "deployment.yaml", "                - ALL", "                - NET_RAW", K8sBase, "capabilities must drop ALL"),
        Edit("k8s-root-uid", K8s + "deployment.yaml", "runAsUser: 1654", "runAsUser: 0", K8sBase, "runAsUser 0 is root"),
        Edit("k8s-privilege-escalation", K8s + "deployment.yaml", "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", K8sBase, "Deployment/escalation-forecast: allowPrivilegeEscalation must be false"),
        Edit("k8s-tmp-not-emptydir", K8s + "deployment.yaml", "          emptyDir:\n            sizeLimit: 256Mi", "          hostPath:\n            path: /tmp", K8sBase, "/tmp must be an emptyDir"),
        Edit("k8s-no-topology-spread", K8s + "deployment.yaml", "topologySpreadConstraints:", "x-topologySpreadConstraints:", K8sBase, "no topologySpreadConstraints"),
        Edit("k8s-single-replica", K8s + "deployment.yaml", "replicas: 2", "replicas: 1", K8sBase, "spec.replicas must be at least 2"),
        Edit("k8s-selector-not-template", K8s + "deployment.yaml", "  selector:\n    matchLabels:\n      app.kubernetes.io/name: escalation-forecast\n      app.kubernetes.io/component: api", "  selector:\n    matchLabels:\n      app.kubernetes.io/name: escalation-forecast\n      app.kubernetes.io/component: web", K8sBase, "match the pod template labels"),
        Edit("k8s-envfrom-unknown-configmap", K8s + "deployment.yaml", "name: escalation-forecast-config", "name: escalation-config", K8sBase, "ConfigMap escalation-config, which is not defined"),
        Edit("k8s-service-target-port", K8s + "service.yaml", "targetPort: http", "targetPort: 8081", K8sBase, "targets '8081'"),
        Edit("k8s-service-selector", K8s + "service.yaml", "    app.kubernetes.io/component: api\n  ports", "    app.kubernetes.io/component: web\n  ports", K8sBase, "does not select the Deployment's pods"),
        Edit("k8s-namespace", K8s + "service.yaml", "namespace: escalation-forecast", "namespace: default", K8sBase, "metadata.namespace is 'default'"),
        Edit("k8s-hpa-target", K8s + "hpa.yaml", "    name: escalation-forecast\n  minReplicas", "    name: escalation-api\n  minReplicas", K8sBase, "scaleTargetRef must be apps/v1 Deployment escalation-forecast"),
        Edit("k8s-hpa-version", K8s + "hpa.yaml", "autoscaling/v2", "autoscaling/v1", K8sBase, "apiVersion must be autoscaling/v2"),
        Edit("k8s-hpa-min", K8s + "hpa.yaml", "minReplicas: 2", "minReplicas: 1", K8sBase, "minReplicas must be at least 2"),
        Edit("k8s-pdb-selector", K8s + "pdb.yaml", "  selector:\n    matchLabels:\n      app.kubernetes.io/name: escalation-forecast\n      app.kubernetes.io/component: api", "  selector:\n    matchLabels:\n      app.kubernetes.io/name: escalation-forecast\n      app.kubernetes.io/component: worker", K8sBase, "selector does not match the Deployment's pod labels"),
        Edit("k8s-pdb-min-available", K8s + "pdb.yaml", "minAvailable: 1", "minAvailable: 2", K8sBase, "minAvailable must be 1"),
        new("k8s-second-migration-path", r => r.WithFile(K8s + "migrations-job.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: escalation-forecast\n")
                .WithEdit(K8s + "kustomization.yaml", "  - pdb.yaml\n", "  - pdb.yaml\n  - migrations-job.yaml\n"), K8sBase, "Job/migrate: a migration Job"),
        new("k8s-published-secret", r => r.WithFile(K8s + "secret.yaml", r.Read(K8sChecks.OperatorSecretPath)!)
                .WithEdit(K8s + "kustomization.yaml", "  - pdb.yaml\n", "  - pdb.yaml\n  - secret.yaml\n"), K8sBase, "the manifests define a Secret"),
        Edit("k8s-samples-on", K8s + "configmap.yaml", "Samples__LoadOnEmptyStore: \"false\"", "Samples__LoadOnEmptyStore: \"true\"", K8sBase, "Samples__LoadOnEmptyStore must be"),
        Edit("k8s-trust-every-proxy", K8s + "configmap.yaml", "  ForwardedHeaders__KnownNetworks__0: 10.244.0.0/16\n", "  ASPNETCORE_FORWARDEDHEADERS_ENABLED: \"true\"\n", K8sBase, "ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every client"),
        Edit("k8s-no-management-port", K8s + "deployment.yaml", "              containerPort: 8081", "              containerPort: 9000", K8sBase, "no containerPort 8081"),
        Edit("k8s-scrape-api-port", K8s + "deployment.yaml", "prometheus.io/port: \"8081\"", "prometheus.io/port: \"8080\"", K8sBase, "prometheus.io/port is 8080"),
        Edit("k8s-secret-envfrom-unknown", K8s + "deployment.yaml", "name: escalation-forecast-secrets", "name: escalation-secrets", K8sBase, "Secret escalation-secrets, which deploy/k8s/secret.example.yaml does not describe"),
        Edit("kustomization-missing-file", K8s + "kustomization.yaml", "  - pdb.yaml", "  - pdb.yml", K8sBase, "resource 'pdb.yml' (deploy/k8s/base/pdb.yml) is neither a file"),
        Edit("kustomization-orphan-manifest", K8s + "kustomization.yaml", "  - pdb.yaml\n", "", K8sBase, "does not list deploy/k8s/base/pdb.yaml"),
        Edit("kustomization-image-name", K8s + "kustomization.yaml", "  - name: escalation-forecast\n    newTag", "  - name: escalation\n    newTag", K8sBase, "matches no Deployment image"),
        Edit("k8s-image-differs-from-compose", Compose, "image: escalation-forecast:local", "image: ef-api:local", K8sBase, "is not the image compose builds"),
        Edit("k8s-secret-real-key", K8sChecks.OperatorSecretPath, "Security__ApiKeys__0__key: CHANGE_ME", "Security__ApiKeys__0__key: s3cr3t-live-key", K8sBase, "must be a CHANGE_ME placeholder"),
        Edit("k8s-secret-real-password", K8sChecks.OperatorSecretPath, "Password=CHANGE_ME", "Password=hunter2", K8sBase, "password must be a CHANGE_ME placeholder"),
        Edit("k8s-secret-base64", K8sChecks.OperatorSecretPath, "stringData:", "data:\n  x: eA==\nstringData:", K8sBase, "use stringData placeholders"),
        Edit("k8s-configmap-holds-secret", K8s + "configmap.yaml", "  Alerting__Transport: Local", "  Alerting__Transport: Local\n  ConnectionStrings__Marten: Host=x", K8sBase, "is secret material"),
        Edit("k8s-configmap-transport", K8s + "configmap.yaml", "Alerting__Transport: Local", "Alerting__Transport: Sqs", K8sBase, "Alerting__Transport 'Sqs' is not one of"),

        // --- Kubernetes overlays
        Edit("overlay-kafka-without-bootstrap", Overlays + "kafka/configmap-patch.yaml", "  Alerting__Kafka__BootstrapServers: escalation-kafka-bootstrap.kafka.svc.cluster.local:9092\n", "", K8sOverlays, "needs Alerting__Kafka__BootstrapServers"),
        Edit("overlay-alerting-key-unknown", Overlays + "kafka/configmap-patch.yaml", "  Alerting__Kafka__ConsumerGroup:", "  Alerting__Kafka__GroupId:", K8sOverlays, "Alerting__Kafka__GroupId is not a setting the service reads"),
        Edit("overlay-rabbitmq-without-uri", K8sChecks.OperatorSecretPath, "  Alerting__RabbitMq__Uri:", "  # Alerting__RabbitMq__Uri:", K8sOverlays, "needs Alerting__RabbitMq__Uri"),
        Edit("overlay-secret-alerting-key-unknown", K8sChecks.OperatorSecretPath, "  Alerting__RabbitMq__Uri:", "  Alerting__RabbitMq__Url:", K8sOverlays, "Alerting__RabbitMq__Url is not a setting the service reads"),
        Edit("overlay-real-broker-password", K8sChecks.OperatorSecretPath, "amqp://escalation:CHANGE_ME@", "amqp://escalation:guest@", K8sOverlays, "URI password must be a CHANGE_ME placeholder"),
        Edit("overlay-patch-unknown-target", Overlays + "rabbitmq/configmap-patch.yaml", "name: escalation-forecast-config", "name: escalation-config", K8sOverlays, "which the base does not define"),
        Edit("overlay-missing-patch-file", Overlays + "kafka/kustomization.yaml", "  - path: configmap-patch.yaml", "  - path: config-patch.yaml", K8sOverlays, "patch 'config-patch.yaml'"),
        Edit("overlay-not-on-base", Overlays + "kafka/kustomization.yaml", "  - ../../base", "  - ../../bases", K8sOverlays, "must build on deploy/k8s/base"),
        Edit("overlay-transport-missing", Overlays + "kafka/configmap-patch.yaml", "Alerting__Transport: Kafka", "Alerting__Transport: RabbitMq", K8sOverlays, "no overlay switches Alerting__Transport to Kafka"),
    ];

    public static TheoryData<string> Names() => new(All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Breaking_the_file_breaks_the_check(string name)
    {
        var mutation = All.Single(m => m.Name == name);
        var repo = RepoSnapshot.Load();
        Assert.Empty(mutation.Check(repo)); // the check passes before the mutation...
        var problems = mutation.Check(mutation.Apply(repo));
        Assert.True(problems.Any(p => p.Contains(mutation.Expect, StringComparison.Ordinal)), // ...and reports it after
            $"mutation '{name}' was not reported as '{mutation.Expect}'. Problems found:{Environment.NewLine}{problems}");
    }

    [Fact]
    public void Mutation_names_are_unique() =>
        Assert.Equal(All.Count, All.Select(m => m.Name).Distinct().Count());
}
