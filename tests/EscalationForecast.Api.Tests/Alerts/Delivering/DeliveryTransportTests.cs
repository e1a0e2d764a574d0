using EscalationForecast.Api.Tests.Operations.Startup;
using EscalationForecast.Api.Alerts.Delivering;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// The real service started with each <c>Alerting:Transport</c>, asked through Wolverine's runtime where a
/// <see cref="DeliverAlert"/> goes. No broker runs here: the broker transports are stubbed
/// (<c>StubAllExternalTransports</c>: no connection, a sender that drops what it is given, no listener started),
/// so these tests prove the routing, durability and listener configuration, not a message crossing a broker.
/// </summary>
public abstract class DeliveryRoutingTests<TFixture>(TFixture service) where TFixture : DeliveryTransportFixture
{
    protected TFixture Service => service;

    protected IWolverineRuntime Runtime => service.Host.GetRuntime();

    private Endpoint DeliveryEndpoint => Runtime.Options.Transports.AllEndpoints().Single(e => e.Uri == service.Expected);

    [Fact]
    public void Deliveries_are_routed_to_the_transports_queue_alone()
    {
        var routes = Runtime.RoutingFor(typeof(DeliverAlert)).Routes.Select(r => r.Describe().Endpoint);
        Assert.Equal([service.Expected], routes);
    }

    [Fact]
    public void The_delivery_endpoint_is_durable_and_listened_to_with_the_configured_parallelism()
    {
        var endpoint = DeliveryEndpoint;
        Assert.Equal(EndpointMode.Durable, endpoint.Mode);
        Assert.True(endpoint.IsListener, $"{endpoint.Uri} is not listened to");
        Assert.Equal(DeliveryTransportFixture.Parallelism, endpoint.MaxDegreeOfParallelism);
        Assert.True(Runtime.Endpoints.GetOrBuildSendingAgent(service.Expected).IsDurable, "deliveries are not sent through the outbox");
    }

    [Fact]
    public void A_retry_waits_in_postgresql_until_due_then_goes_to_the_same_queue()
    {
        var retry = Assert.Single(Runtime.RoutingFor(typeof(DeliverAlert))
            .RouteForSend(new DeliverAlert("alert-1", 2), new DeliveryOptions { ScheduleDelay = 1.Minutes() }));
        Assert.Equal(EnvelopeStatus.Scheduled, retry.Status);
        var inner = retry.Message as Envelope ?? retry; // a broker's retry is wrapped for the local durable queue
        Assert.Equal(service.Expected, inner.Destination);
        Assert.Equal(service.RetryHeldAt, retry.Destination);
    }

    [Fact]
    public async Task A_published_delivery_leaves_through_the_transports_queue()
    {
        var tracked = await service.Host.TrackActivity().DoNotAssertOnExceptionsDetected()
            .Timeout(30.Seconds()).PublishMessageAndWaitAsync(new DeliverAlert($"missing-{Guid.NewGuid():N}", 1));
        var sent = Assert.Single(tracked.Sent.Envelopes(), e => e.Message is DeliverAlert);
        Assert.Equal(service.Expected, sent.Destination);
    }

    [Fact]
    public Task The_committed_generated_handler_code_is_what_this_transport_generates() =>
        GeneratedCodeTests.AssertCommittedCodeIsCurrentAsync(service);
}

public sealed class LocalDeliveryRoutingTests(LocalDeliveryFixture service)
    : DeliveryRoutingTests<LocalDeliveryFixture>(service), IClassFixture<LocalDeliveryFixture>;

public sealed class RabbitMqDeliveryRoutingTests(RabbitMqDeliveryFixture service)
    : DeliveryRoutingTests<RabbitMqDeliveryFixture>(service), IClassFixture<RabbitMqDeliveryFixture>
{
    [Fact]
    public void The_broker_is_the_configured_one_and_provisioned_by_the_service()
    {
        var rabbit = Assert.Single(Runtime.Options.Transports.OfType<Wolverine.RabbitMQ.Internal.RabbitMqTransport>());
        Assert.True(rabbit.AutoProvision);
        Assert.Equal("rabbit.test", rabbit.ConnectionFactory!.HostName);
        Assert.Equal(5673, rabbit.ConnectionFactory.Port);
    }
}

public sealed class KafkaDeliveryRoutingTests(KafkaDeliveryFixture service)
    : DeliveryRoutingTests<KafkaDeliveryFixture>(service), IClassFixture<KafkaDeliveryFixture>
{
    [Fact]
    public void Every_node_joins_one_consumer_group_that_starts_at_the_earliest_offset()
    {
        var kafka = Assert.Single(Runtime.Options.Transports.OfType<Wolverine.Kafka.Internals.KafkaTransport>());
        Assert.True(kafka.AutoProvision);
        Assert.Equal("kafka-a.test:9092,kafka-b.test:9092", kafka.ConsumerConfig.BootstrapServers);
        Assert.Equal("test-alert-group", kafka.ConsumerConfig.GroupId);
        Assert.Equal(Confluent.Kafka.AutoOffsetReset.Earliest, kafka.ConsumerConfig.AutoOffsetReset);
        var topic = Assert.Single(kafka.Topics, t => t.Uri == Service.Expected);
        Assert.Null(topic.ConsumerConfig); // no per-topic override hides the group
    }
}
