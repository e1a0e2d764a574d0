namespace EscalationForecast.Api.Alerts;

/// <summary>
/// The <c>Alerting</c> configuration section. Defaults suit production; tests shorten the delays.
/// </summary>
public sealed class AlertingOptions
{
    /// <summary>
    /// Hosts a webhook may point at (<c>hooks.example.com</c>, or <c>*.example.com</c> for its subdomains); a host
    /// named here may also be internal. Empty (the default): any public host but the service itself; an internal
    /// address, however spelled or resolved, is refused where the connection is made (<c>Delivering.OutboundGuard</c>).
    /// </summary>
    public string[] AllowedWebhookHosts { get; set; } = [];

    /// <summary>Delivery attempts before an alert is dead-lettered (the first attempt counts).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each retry doubles it, up to <see cref="RetryMaxSeconds"/>, with jitter.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double RetryMaxSeconds { get; set; } = 600;

    /// <summary>How long one webhook call may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Webhook calls in flight at once on a node (the delivery queue's parallelism).</summary>
    public int DeliveryParallelism { get; set; } = 8;

    /// <summary>
    /// Where deliveries travel between nodes: <c>Local</c> (the default: durable local queues in PostgreSQL),
    /// <c>RabbitMq</c> or <c>Kafka</c> (see <see cref="Delivering.DeliveryTransport"/>).
    /// </summary>
    public string Transport { get; set; } = nameof(Delivering.AlertTransport.Local);

    public AlertingRabbitMqOptions RabbitMq { get; set; } = new();

    public AlertingKafkaOptions Kafka { get; set; } = new();

    /// <summary>How often every rule is evaluated again as time passes (decay, approaching anniversaries).</summary>
    public double ReevaluateSeconds { get; set; } = 60;

    /// <summary>SSE: a comment line this often keeps proxies from closing an idle stream.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>SSE: how often an open stream looks for new alerts in the store (other nodes' alerts too).</summary>
    public int StreamPollMilliseconds { get; set; } = 500;
}

/// <summary><c>Alerting:RabbitMq</c>: the broker and queue deliveries use when the transport is <c>RabbitMq</c>.</summary>
public sealed class AlertingRabbitMqOptions
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c> (or <c>amqps://</c>); it carries a password, so keep it secret.</summary>
    public string? Uri { get; set; }

    /// <summary>The durable queue every node publishes deliveries to and consumes them from.</summary>
    public string Queue { get; set; } = "escalation-alert-deliveries";
}

/// <summary><c>Alerting:Kafka</c>: the brokers, topic and consumer group deliveries use when the transport is <c>Kafka</c>.</summary>
public sealed class AlertingKafkaOptions
{
    /// <summary>Comma-separated <c>host:port</c> list, e.g. <c>kafka:9092</c>.</summary>
    public string? BootstrapServers { get; set; }

    public string Topic { get; set; } = "escalation-alert-deliveries";

    /// <summary>Shared by every node, so Kafka hands each delivery (each partition) to one of them.</summary>
    public string ConsumerGroup { get; set; } = "escalation-forecast-alerts";
}
