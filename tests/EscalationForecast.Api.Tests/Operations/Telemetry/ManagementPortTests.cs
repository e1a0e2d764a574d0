using System.Net;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Operations.Telemetry;

/// <summary>
/// A real service process listening on two ports, the second named <c>Management:Port</c>, as the deploy files
/// run it: <c>/metrics</c> answers on the management port alone, and is a 404 on the public one by every spelling.
/// </summary>
public sealed class ManagementPortTests
{
    [Fact]
    public async Task Metrics_answer_on_the_management_port_only_however_the_path_is_spelled()
    {
        var (api, management) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
        await using var process = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{api};http://127.0.0.1:{management}"], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = await PostgresCluster.NewDatabaseAsync(nameof(ManagementPortTests)),
            ["Samples__LoadOnEmptyStore"] = "false",
            ["Management__Port"] = management.ToString(),
        });
        using var publicClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        using var managementClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
        await process.WaitForReadyAsync(publicClient, TimeSpan.FromSeconds(60));

        foreach (var path in new[] { "/metrics", "/METRICS", "/Metrics/", "/metrics/", "/metrics?x=1", "/metrics/x" })
        {
            using var refused = await publicClient.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path} on the public port answered {(int)refused.StatusCode}");
        }
        // A Host header naming the management port does not move the request there.
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            spoofed.Headers.Host = $"127.0.0.1:{management}";
            using var response = await publicClient.SendAsync(spoofed, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var text = await managementClient.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE", text);
        using var health = await publicClient.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
