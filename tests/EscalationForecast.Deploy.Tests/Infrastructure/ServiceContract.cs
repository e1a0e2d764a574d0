namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>
/// What the service promises the deployment (the facts the service engineer
/// implements): port, endpoints, command, configuration keys and metric names.
/// </summary>
public static class ServiceContract
{
    public const int ContainerPort = 8080;

    /// <summary>The management port (<c>Management__Port</c>): <c>/metrics</c> answers there only, and no proxy routes it.</summary>
    public const int ManagementPort = 8081;

    /// <summary>The service's request body limit (<c>Ingestion:MaxRequestBytes</c> in its appsettings.json), which the proxy must match.</summary>
    public const string AppSettings = "src/EscalationForecast.Api/appsettings.json";
    public const string LivenessPath = "/health/live";
    public const string ReadinessPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    public const string SsePath = "/api/v1/alerts/stream";
    /// <summary>The schema command: the deploy files must not run it (the service applies its schema at start: one migration path).</summary>
    public const string MigrateCommand = "db-apply";
    public const string ApiProject = "src/EscalationForecast.Api/EscalationForecast.Api.csproj";
    public const string BuildImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    public const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0";
    public const string Namespace = "escalation-forecast";
    public const string ServiceName = "escalation-forecast";

    public static readonly string[] Transports = ["Local", "RabbitMq", "Kafka"];

    /// <summary>Configuration key each non-default transport needs.</summary>
    public static readonly IReadOnlyDictionary<string, string> TransportSetting = new Dictionary<string, string>
    {
        ["RabbitMq"] = "Alerting__RabbitMq__Uri",
        ["Kafka"] = "Alerting__Kafka__BootstrapServers",
    };

    /// <summary>
    /// Every <c>Alerting__</c> key the service reads (its <c>AlertingOptions</c>, flattened; an array's items add
    /// <c>__0</c>, <c>__1</c>...). <c>ServiceContractTests</c> holds this list equal to the service's options.
    /// </summary>
    public static readonly string[] AlertingSettings =
    [
        "Alerting__AllowedWebhookHosts",
        "Alerting__MaxAttempts",
        "Alerting__RetryBaseSeconds",
        "Alerting__RetryMaxSeconds",
        "Alerting__TimeoutSeconds",
        "Alerting__DeliveryParallelism",
        "Alerting__Transport",
        "Alerting__RabbitMq__Uri",
        "Alerting__RabbitMq__Queue",
        "Alerting__Kafka__BootstrapServers",
        "Alerting__Kafka__Topic",
        "Alerting__Kafka__ConsumerGroup",
        "Alerting__ReevaluateSeconds",
        "Alerting__HeartbeatSeconds",
        "Alerting__StreamPollMilliseconds",
    ];

    /// <summary>Whether a deploy file's key is one of <see cref="AlertingSettings"/> (keys outside <c>Alerting__</c> are not judged here).</summary>
    public static bool IsKnownAlertingKey(string key) =>
        !key.StartsWith("Alerting__", StringComparison.OrdinalIgnoreCase)
        || AlertingSettings.Contains(System.Text.RegularExpressions.Regex.Replace(key, @"(__\d+)+$", ""), StringComparer.OrdinalIgnoreCase); // as .NET configuration reads keys

    /// <summary>Prometheus names exported by the service (meter "EscalationForecast" + ASP.NET Core).</summary>
    public static readonly string[] Metrics =
    [
        "escalation_events_ingested_total",
        "escalation_batches_rejected_total",
        "escalation_model_fits_total",
        "escalation_model_fit_duration_seconds_bucket",
        "escalation_risk_score",
        "escalation_risk_probability",
        "escalation_alerts_raised_total",
        "escalation_alerts_delivered_total",
        "escalation_alerts_failed_total",
        "escalation_alerts_deadlettered_total",
        "escalation_webhook_delivery_latency_seconds_bucket",
        "escalation_projection_lag_events",
        "http_server_request_duration_seconds_bucket",
    ];

    /// <summary>Every name a query may select: the list, the _sum/_count series of its histograms, and Prometheus' own <c>up</c>.</summary>
    public static readonly HashSet<string> QueryableMetrics = new(
        Metrics
            .Concat(Metrics.Where(m => m.EndsWith("_bucket", StringComparison.Ordinal))
                .SelectMany(m => new[] { m[..^"_bucket".Length] + "_sum", m[..^"_bucket".Length] + "_count" }))
            .Append("up"),
        StringComparer.Ordinal);

    /// <summary>Metrics the dashboard must chart: all of them.</summary>
    public static IEnumerable<string> DashboardRequired => Metrics;
}
