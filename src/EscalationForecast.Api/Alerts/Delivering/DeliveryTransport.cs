using EscalationForecast.Api.Hosting;
using Wolverine;
using Wolverine.Kafka;
using Wolverine.RabbitMQ;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>The values of <c>Alerting:Transport</c>.</summary>
public enum AlertTransport
{
    Local,
    RabbitMq,
    Kafka,
}

/// <summary>
/// Where <see cref="DeliverAlert"/> messages travel (<c>Alerting:Transport</c>). Deliveries are the fan-out: the
/// work that waits on other people's servers and grows with subscribers, so only they move to a broker, where
/// every node consumes them. Either way they stay transactional: the outbox stores the message with the alert's
/// events and sends it after the commit, and the receiving node's inbox stores it before handling it, so a broker
/// outage delays deliveries but loses none. Retries are scheduled messages; neither broker schedules natively, so
/// Wolverine keeps them in PostgreSQL until due and then sends them on to the queue or topic.
/// Evaluation (<c>EvaluateAlerts</c>, the <c>ReevaluateAlerts</c> clock) stays on local durable queues: it reads
/// the local risk board, its triggers come from the daemon on one node, the clock's single chain relies on
/// PostgreSQL, and without a broker in that path breaches are still recorded while the broker is down.
/// </summary>
public static class DeliveryTransport
{
    /// <summary>The configured transport, with the settings it needs; a <see cref="StartFailure"/> names what is wrong.</summary>
    public static AlertTransport Choose(AlertingOptions settings)
    {
        var name = string.IsNullOrWhiteSpace(settings.Transport) ? nameof(AlertTransport.Local) : settings.Transport.Trim();
        var transport = Enum.GetValues<AlertTransport>().Cast<AlertTransport?>()
            .FirstOrDefault(t => string.Equals(t.ToString(), name, StringComparison.OrdinalIgnoreCase))
            ?? throw new StartFailure(
                $"Alerting:Transport (Alerting__Transport) is '{name}', but it must be Local, RabbitMq or Kafka.", StartFailure.Configuration);
        var (rabbit, kafka) = (settings.RabbitMq, settings.Kafka);
        var missing = transport switch
        {
            AlertTransport.RabbitMq when !IsAmqp(rabbit.Uri) =>
                "Alerting:RabbitMq:Uri (Alerting__RabbitMq__Uri) must be the broker's amqp:// or amqps:// URI",
            AlertTransport.RabbitMq when Blank(rabbit.Queue) => "Alerting:RabbitMq:Queue (Alerting__RabbitMq__Queue) must name a queue",
            AlertTransport.Kafka when Blank(kafka.BootstrapServers) =>
                "Alerting:Kafka:BootstrapServers (Alerting__Kafka__BootstrapServers) must list the brokers as host:port[,host:port]",
            AlertTransport.Kafka when Blank(kafka.Topic) => "Alerting:Kafka:Topic (Alerting__Kafka__Topic) must name a topic",
            AlertTransport.Kafka when Blank(kafka.ConsumerGroup) =>
                "Alerting:Kafka:ConsumerGroup (Alerting__Kafka__ConsumerGroup) must name a consumer group",
            _ => null,
        };
        // The URI is never repeated: it carries the broker's password.
        return missing is null ? transport : throw new StartFailure($"Alerting:Transport is {transport}, so {missing}.", StartFailure.Configuration);
    }

    private static bool IsAmqp(string? uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.Scheme is "amqp" or "amqps";

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Publishes <see cref="DeliverAlert"/> on the chosen transport and consumes it there with bounded parallelism.</summary>
    public static void RouteDeliveries(this WolverineOptions opts, AlertTransport transport, AlertingOptions settings)
    {
        var parallelism = Math.Max(1, settings.DeliveryParallelism);
        switch (transport)
        {
            case AlertTransport.RabbitMq:
                OverRabbitMq(opts, settings.RabbitMq, parallelism);
                break;
            case AlertTransport.Kafka:
                OverKafka(opts, settings.Kafka, parallelism);
                break;
            default:
                opts.PublishMessage<DeliverAlert>().ToLocalQueue(Configuration.DeliveryQueue);
                break;
        }
    }

    /// <summary>One durable queue that every node publishes to and consumes: RabbitMQ hands each message to one consumer.</summary>
    private static void OverRabbitMq(WolverineOptions opts, AlertingRabbitMqOptions rabbit, int parallelism)
    {
        opts.UseRabbitMq(new Uri(rabbit.Uri!)).AutoProvision();
        opts.PublishMessage<DeliverAlert>().ToRabbitQueue(rabbit.Queue).UseDurableOutbox();
        opts.ListenToRabbitQueue(rabbit.Queue).UseDurableInbox().MaximumParallelMessages(parallelism);
    }

    /// <summary>
    /// One topic, consumed by one consumer group shared by every node: Kafka gives each partition to one member,
    /// so each delivery is handled by one node (the topic's partition count caps how many nodes share them). A
    /// new group starts at the earliest offset, so deliveries published before it first joined are not skipped
    /// (a replay is harmless: the handler ignores attempts already made).
    /// </summary>
    private static void OverKafka(WolverineOptions opts, AlertingKafkaOptions kafka, int parallelism)
    {
        opts.UseKafka(kafka.BootstrapServers!.Trim()).AutoProvision()
            .ConfigureConsumers(c => c.GroupId = kafka.ConsumerGroup)
            .BeginAtEarliest();
        opts.PublishMessage<DeliverAlert>().ToKafkaTopic(kafka.Topic).UseDurableOutbox();
        opts.ListenToKafkaTopic(kafka.Topic).UseDurableInbox().MaximumParallelMessages(parallelism);
    }
}
