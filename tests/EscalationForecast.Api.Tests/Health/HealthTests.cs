using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Health;

public sealed class HealthTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_with_the_database_checked()
    {
        var live = await service.Host.GetJsonAsync("/health/live");
        Assert.Equal("Healthy", live["status"]!.GetValue<string>());
        var ready = await service.Host.GetJsonAsync("/health/ready");
        Assert.Equal("Healthy", ready["checks"]!["database"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_events_endpoints()
    {
        var document = await service.Host.GetJsonAsync("/openapi/v1.json");
        Assert.NotNull(document["paths"]!["/api/v1/events"]!["post"]);
        Assert.NotNull(document["paths"]!["/api/v1/theaters/{theaterId}/series"]!["get"]);
        var client = service.Host.Server.CreateClient();
        var reference = await client.GetAsync("/api-reference/");
        Assert.True(reference.IsSuccessStatusCode, $"/api-reference/ answered {(int)reference.StatusCode}");
    }
}
