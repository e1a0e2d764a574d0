using System.Text.Json.Nodes;
using EscalationForecast.Analyst.Tests.Infrastructure;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AnalystService))]

namespace EscalationForecast.Analyst.Tests.Infrastructure;

/// <summary>
/// The service as an analyst runs it: the built executable on a free loopback port, over a throwaway PostgreSQL
/// cluster started the way the service starts its embedded one, loading the shipped sample data on its first start,
/// with API keys configured (a read key for the notebooks, a write key for the client's writes). Waited on until
/// every sample theater has a model. The Python tests and the notebooks reach it through the environment variables
/// an analyst sets: <c>ESCALATION_FORECAST_URL</c> and <c>ESCALATION_FORECAST_API_KEY</c>.
/// </summary>
public sealed class AnalystService : IAsyncLifetime
{
    public const string ReadKey = "analyst-tests-read-key";
    public const string WriteKey = "analyst-tests-write-key";

    /// <summary>The sample data's theaters (<c>Samples/</c>).</summary>
    public static readonly string[] SampleTheaters =
        ["iraq-baghdad", "iraq-baqubah", "iraq-fallujah", "iraq-mosul", "iraq-other", "iraq-ramadi", "iraq-us-militia"];

    private EmbeddedPostgres? _cluster;
    private ServiceProcess? _service;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"ef-analyst-tests-{Guid.NewGuid():N}"), throwaway: true);
        await PostgresConfiguration.EnsureDatabaseAsync(_cluster.ConnectionString("postgres"), "analyst");
        BaseAddress = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}");
        _service = ServiceProcess.Start(["--urls", BaseAddress.ToString().TrimEnd('/')], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Marten"] = _cluster.ConnectionString("analyst"),
            ["Samples__LoadOnEmptyStore"] = "true",
            ["Models__RefitDelaySeconds"] = "0.2",
            ["Models__MinRefitIntervalSeconds"] = "0",
            ["Models__RefitCostFactor"] = "0",
            ["Security__ApiKeys__0__key"] = ReadKey,
            ["Security__ApiKeys__0__scopes__0"] = "read",
            ["Security__ApiKeys__1__key"] = WriteKey,
            ["Security__ApiKeys__1__scopes__0"] = "read",
            ["Security__ApiKeys__1__scopes__1"] = "write",
        });
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ReadKey);
        await _service.WaitForReadyAsync(http, TimeSpan.FromMinutes(2));
        await Eventually.UntilAsync(
            async () => JsonNode.Parse(await http.GetStringAsync("/api/v1/theaters"))!["items"]!.AsArray()
                .Where(t => t!["riskLevel"] is not null).Select(t => (string)t!["id"]!).ToHashSet(),
            modelled => SampleTheaters.All(modelled.Contains),
            TimeSpan.FromMinutes(5), "a model (a risk level in the theater list) for every sample theater", TimeSpan.FromSeconds(1));
    }

    /// <summary>What a Python process needs to reach the service, as an analyst's shell would have it.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ESCALATION_FORECAST_URL"] = BaseAddress.ToString().TrimEnd('/'),
        ["ESCALATION_FORECAST_API_KEY"] = ReadKey,
        ["ESCALATION_FORECAST_TEST_WRITE_KEY"] = WriteKey,
    };

    public string Log => _service is null ? "" : string.Join('\n', _service.Output.Concat(_service.Errors).TakeLast(200));

    public async ValueTask DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
