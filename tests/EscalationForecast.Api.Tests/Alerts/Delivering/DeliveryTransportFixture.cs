using EscalationForecast.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// The service with one <c>Alerting:Transport</c>, a delivery parallelism no default has, and Wolverine's broker
/// transports stubbed (no broker runs here): <see cref="Expected"/> is where a <c>DeliverAlert</c> must go.
/// </summary>
public abstract class DeliveryTransportFixture : ServiceFixture
{
    public const int Parallelism = 3;

    public abstract Uri Expected { get; }

    /// <summary>Where a delivery's scheduled retry waits until it is due.</summary>
    public virtual Uri RetryHeldAt => new("local://durable");

    protected abstract void ConfigureTransport(IDictionary<string, string?> settings);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        AlertingFixture.AlertSettings(settings);
        settings["Alerting:DeliveryParallelism"] = Parallelism.ToString();
        ConfigureTransport(settings);
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(opts => opts.StubAllExternalTransports());
}

public sealed class LocalDeliveryFixture : DeliveryTransportFixture
{
    public override Uri Expected => new("local://alert-deliveries");

    public override Uri RetryHeldAt => Expected; // a local queue keeps its own scheduled messages

    protected override void ConfigureTransport(IDictionary<string, string?> settings)
    {
        // Local is the default: no setting at all.
    }
}

public sealed class RabbitMqDeliveryFixture : DeliveryTransportFixture
{
    public override Uri Expected => new("rabbitmq://queue/test-alert-deliveries");

    protected override void ConfigureTransport(IDictionary<string, string?> settings)
    {
        settings["Alerting:Transport"] = "RabbitMq";
        settings["Alerting:RabbitMq:Uri"] = "amqp://escalation:not-a-secret@rabbit.test:5673/";
        settings["Alerting:RabbitMq:Queue"] = "test-alert-deliveries";
    }
}

public sealed class KafkaDeliveryFixture : DeliveryTransportFixture
{
    public override Uri Expected => new("kafka://topic/test-alert-deliveries");

    protected override void ConfigureTransport(IDictionary<string, string?> settings)
    {
        settings["Alerting:Transport"] = "Kafka";
        settings["Alerting:Kafka:BootstrapServers"] = "kafka-a.test:9092,kafka-b.test:9092";
        settings["Alerting:Kafka:Topic"] = "test-alert-deliveries";
        settings["Alerting:Kafka:ConsumerGroup"] = "test-alert-group";
    }
}
