using EscalationForecast.Api.Alerts;
using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Tests.Infrastructure;
using Wolverine;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// <c>Alerting:Transport</c> and the settings its broker needs: read as given, and a wrong or missing one stops
/// the service's start with one sentence that names the setting and what it may be.
/// </summary>
public sealed class DeliveryTransportSettingsTests
{
    private static AlertingOptions With(string? transport, string? uri = null, string? bootstrap = null) => new()
    {
        Transport = transport!,
        RabbitMq = { Uri = uri },
        Kafka = { BootstrapServers = bootstrap },
    };

    [Theory]
    [InlineData(null, AlertTransport.Local)]
    [InlineData("", AlertTransport.Local)]
    [InlineData("Local", AlertTransport.Local)]
    [InlineData("rabbitmq", AlertTransport.RabbitMq)]
    [InlineData(" Kafka ", AlertTransport.Kafka)]
    public void Names_are_read_without_regard_to_case_and_unset_means_local(string? name, AlertTransport expected) =>
        Assert.Equal(expected, DeliveryTransport.Choose(With(name, "amqps://u:p@rabbit.example:5671/", "kafka:9092")));

    [Theory]
    [InlineData("Sqs")]
    [InlineData("1")] // an enum's number is not one of its names
    public void An_unknown_transport_is_refused_by_name(string name)
    {
        var e = Assert.Throws<StartFailure>(() => DeliveryTransport.Choose(With(name)));
        Assert.Equal($"Alerting:Transport (Alerting__Transport) is '{name}', but it must be Local, RabbitMq or Kafka.", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://user:hunter2@rabbit.example/")]
    [InlineData("rabbit.example:5672")]
    public void RabbitMq_needs_an_amqp_uri_and_the_message_never_repeats_it(string? uri)
    {
        var e = Assert.Throws<StartFailure>(() => DeliveryTransport.Choose(With("RabbitMq", uri)));
        Assert.Equal("Alerting:Transport is RabbitMq, so Alerting:RabbitMq:Uri (Alerting__RabbitMq__Uri) must be the broker's amqp:// or amqps:// URI.", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void Kafka_needs_bootstrap_servers()
    {
        var e = Assert.Throws<StartFailure>(() => DeliveryTransport.Choose(With("Kafka", bootstrap: " ")));
        Assert.Equal("Alerting:Transport is Kafka, so Alerting:Kafka:BootstrapServers (Alerting__Kafka__BootstrapServers) must list the brokers as host:port[,host:port].", e.Message);
    }

    [Fact]
    public void Kafka_needs_a_topic_and_a_consumer_group()
    {
        var noTopic = With("Kafka", bootstrap: "kafka:9092");
        noTopic.Kafka.Topic = "";
        Assert.Contains("Alerting:Kafka:Topic", Assert.Throws<StartFailure>(() => DeliveryTransport.Choose(noTopic)).Message);
        var noGroup = With("Kafka", bootstrap: "kafka:9092");
        noGroup.Kafka.ConsumerGroup = " ";
        Assert.Contains("Alerting:Kafka:ConsumerGroup", Assert.Throws<StartFailure>(() => DeliveryTransport.Choose(noGroup)).Message);
    }

    [Theory]
    [InlineData("Sqs", "Alerting:Transport (Alerting__Transport) is 'Sqs', but it must be Local, RabbitMq or Kafka.")]
    [InlineData("RabbitMq", "Alerting:Transport is RabbitMq, so Alerting:RabbitMq:Uri (Alerting__RabbitMq__Uri) must be the broker's amqp:// or amqps:// URI.")]
    [InlineData("Kafka", "Alerting:Transport is Kafka, so Alerting:Kafka:BootstrapServers (Alerting__Kafka__BootstrapServers) must list the brokers as host:port[,host:port].")]
    public async Task The_service_does_not_start_on_a_wrong_transport_setting(string transport, string expected)
    {
        var database = await PostgresCluster.NewDatabaseAsync(nameof(DeliveryTransportSettingsTests));
        var (code, sentence) = await ServiceProcess.FailedStartAsync(database, $"--Alerting:Transport={transport}"); // and no broker address
        Assert.Equal(StartFailure.Configuration, code);
        Assert.Equal($"EscalationForecast cannot start: {expected}", sentence);
    }
}
