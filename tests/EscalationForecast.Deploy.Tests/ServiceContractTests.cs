using System.Reflection;
using EscalationForecast.Api.Alerts;
using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests;

/// <summary>
/// The contract the deploy checks hold the files to is the service's own: the <c>Alerting__</c> keys are the
/// properties of <see cref="AlertingOptions"/> (so a renamed or added setting fails here until the contract, and
/// with it every compose and Kubernetes file, follows), and the transports are the service's.
/// </summary>
public class ServiceContractTests
{
    /// <summary>Configuration keys as environment variables spell them, from an options class's settable properties.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType != typeof(string) && !p.PropertyType.IsArray
                ? Keys(p.PropertyType, $"{prefix}__{p.Name}")
                : [$"{prefix}__{p.Name}"]);

    [Fact]
    public void The_alerting_settings_are_the_properties_of_the_services_options()
    {
        var service = Keys(typeof(AlertingOptions), "Alerting").Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("Alerting__RabbitMq__Uri", service); // the walk reaches nested sections
        Assert.Equal(service, ServiceContract.AlertingSettings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_transports_are_the_services_and_each_broker_setting_is_one_it_reads()
    {
        Assert.Equal(Enum.GetNames<AlertTransport>(), ServiceContract.Transports);
        Assert.Equal(nameof(AlertTransport.Local), new AlertingOptions().Transport);
        Assert.Equal(ServiceContract.Transports.Skip(1), ServiceContract.TransportSetting.Keys);
        Assert.All(ServiceContract.TransportSetting.Values, s => Assert.Contains(s, ServiceContract.AlertingSettings));
    }

    [Theory]
    [InlineData("Alerting__Transport", true)]
    [InlineData("Alerting__AllowedWebhookHosts__0", true)]
    [InlineData("alerting__kafka__topic", true)]
    [InlineData("Alerting__Kafka__GroupId", false)]
    [InlineData("Alerting__RabbitMq", false)]
    [InlineData("RateLimiting__PerKeyPerMinute", true)]
    public void A_deploy_key_is_judged_only_inside_the_alerting_section(string key, bool known) =>
        Assert.Equal(known, ServiceContract.IsKnownAlertingKey(key));
}
