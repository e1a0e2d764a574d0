using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Dashboard.Tests.Infrastructure;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

[assembly: AssemblyFixture(typeof(DashboardService))]

namespace EscalationForecast.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real service on a real Kestrel port (a browser needs a socket, which a TestServer lacks), over a throwaway
/// PostgreSQL cluster started the way the service starts its embedded one, seeded with a few synthetic theaters
/// posted through the public API, and waited on until every theater has a model. Subclasses configure it otherwise
/// (API keys) and seed fewer theaters.
/// </summary>
public class DashboardService : IAsyncLifetime
{
    private EmbeddedPostgres? _cluster;
    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Active up to yesterday, with a ceasefire and an anniversary inside the history.</summary>
    public static readonly SyntheticTheater Front = new("dash-front", Today.AddDays(-240), 239)
    {
        BaselinePerDay = 1.5, Branching = 0.55, Seed = 11,
        Ceasefire = (Today.AddDays(-150), Today.AddDays(-110)), Anniversary = Today.AddDays(-60).AddYears(-3),
    };

    /// <summary>Busier, no ceasefire.</summary>
    public static readonly SyntheticTheater City = new("dash-city", Today.AddDays(-200), 199) { BaselinePerDay = 3, Branching = 0.4, Seed = 5 };

    /// <summary>Quiet: the theater a burst of incidents lifts over an alert threshold.</summary>
    public static readonly SyntheticTheater Quiet = new("dash-quiet", Today.AddDays(-200), 199) { BaselinePerDay = 0.25, Branching = 0.2, Seed = 3 };

    /// <summary>A quarterly round of talks raising the pressure before it, the next one 9 days ahead (see <see cref="DyadExtras"/>).</summary>
    public static readonly SyntheticTheater Dyad = new("dash-dyad", Today.AddDays(-300), 299)
    {
        BaselinePerDay = 1.0, Branching = 0.4, Seed = 13, Deadlines = [Today.AddDays(-250), Today.AddDays(-160), Today.AddDays(-70)],
    };

    public static readonly DateOnly NextRound = Today.AddDays(9);

    /// <summary>The round ahead (announced a month ago) and, yesterday late, an incident whose author is uncertain.</summary>
    public static object[] DyadExtras =>
    [
        new { id = "dash-dyad-next", type = "scheduled-event", theaterId = Dyad.TheaterId, date = SyntheticTheater.Date(NextRound),
              name = "final round", family = "deadline", daysBefore = 14, daysAfter = 3, announcedAt = SyntheticTheater.Date(Today.AddDays(-30)) },
        new { id = "dash-dyad-denied", type = "incident", theaterId = Dyad.TheaterId, occurredAt = $"{SyntheticTheater.Date(Today.AddDays(-1))}T23:00:00Z",
              attribution = new[] { new { channel = "default", probability = 0.6 }, new { channel = "splinter", probability = 0.4 } }, deniedBy = "the front" },
    ];

    public static readonly string[] Theaters = [Front.TheaterId, City.TheaterId, Quiet.TheaterId, Dyad.TheaterId];

    /// <summary>The theaters this service is seeded with, and their names.</summary>
    protected virtual IReadOnlyList<(SyntheticTheater Theater, string Name)> Seed =>
        [(Front, "Northern front"), (City, "Capital city"), (Quiet, "Quiet valley"), (Dyad, "Talks dyad")];

    /// <summary>Settings beyond the shared ones (API keys...).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The key the test's own client sends (seeding, rules), when the service has keys.</summary>
    public virtual string? AdminKey => null;

    public async ValueTask InitializeAsync()
    {
        _cluster = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"ef-dashboard-tests-{Guid.NewGuid():N}"), throwaway: true);
        var theaters = Seed;
        await PostgresConfiguration.EnsureDatabaseAsync(_cluster.ConnectionString("postgres"), "dashboard");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = _cluster.ConnectionString("dashboard"),
            ["EventStore:DaemonMode"] = "Solo",
            ["Samples:LoadOnEmptyStore"] = "false",
            ["Models:RefitDelaySeconds"] = "0.2",
            ["Models:MinRefitIntervalSeconds"] = "0",
            ["Models:RefitCostFactor"] = "0",
            ["Risk:PollSeconds"] = "0.5",
            ["urls"] = "http://127.0.0.1:0", // a free loopback port, never the service's default 5080
            ["Alerting:AllowedWebhookHosts:0"] = "127.0.0.1", // the tests' webhook receivers (internal addresses are refused otherwise)
        };
        Configure(settings);
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });
        _factory.UseKestrel();
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        if (BaseAddress.Port is 0 or 5080) throw new InvalidOperationException($"The test service should listen on a free port, not {BaseAddress}.");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (AdminKey is { } key) Http.DefaultRequestHeaders.Add("X-Api-Key", key);

        foreach (var (theater, _) in theaters)
            await PostAsync(theater == Dyad ? [.. theater.Events(), .. DyadExtras] : theater.Events());
        foreach (var (theater, name) in theaters) await PutNameAsync(theater.TheaterId, name);
        await WaitForModelsAsync(theaters.Select(t => t.Theater.TheaterId).ToArray(), TimeSpan.FromMinutes(3));
    }

    public async Task PostAsync(IEnumerable<object> events)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/events", events, JsonSerializerOptions.Web);
        Assert.True(response.IsSuccessStatusCode, $"POST events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task PutNameAsync(string id, string name)
    {
        using var response = await Http.PutAsJsonAsync($"/api/v1/theaters/{id}", new { name, description = $"synthetic theater for the dashboard tests" });
        Assert.True(response.IsSuccessStatusCode, $"PUT theater: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the theater list shows a risk level for every seeded theater (each has a model).</summary>
    private Task WaitForModelsAsync(string[] theaters, TimeSpan timeout) => Eventually.UntilAsync(
        async () => JsonNode.Parse(await Http.GetStringAsync("/api/v1/theaters"))!,
        list =>
        {
            var ready = list["items"]!.AsArray().Where(t => t!["riskLevel"] is not null).Select(t => (string)t!["id"]!).ToHashSet();
            return theaters.All(ready.Contains);
        }, timeout, "a model (a risk level in the theater list) for every seeded theater");

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
