using Alba;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Marten.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// The real service (Marten, Wolverine, HTTP pipeline) on a database of its own in the test cluster, with the
/// async daemon in solo mode so tests can wait for the projections to catch up.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private Dictionary<string, string?> _settings = [];

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The database the service runs on: by default a new one on the shared test cluster.</summary>
    protected virtual Task<string> NewDatabaseAsync() => PostgresCluster.NewDatabaseAsync(GetType().Name);

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await NewDatabaseAsync();
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = ConnectionString,
            ["EventStore:DaemonMode"] = "Solo",
            ["Samples:LoadOnEmptyStore"] = "false",
            ["Models:RefitDelaySeconds"] = "0.2",
            ["Models:MinRefitIntervalSeconds"] = "0",
            ["Models:RefitCostFactor"] = "0",
            ["Risk:PollSeconds"] = "0.25",
        };
        Configure(_settings);
        Host = await StartAsync(_settings, AllServices);
    }

    private void AllServices(IServiceCollection services)
    {
        services.RunWolverineInSoloMode();
        ConfigureServices(services);
    }

    /// <summary>
    /// Starts another host configured like this one, the way <c>codegen write</c> starts the service: Wolverine in
    /// its code generation mode (no listeners, no durability agent, so no message compiles a handler), and no
    /// projection daemon beside this fixture's. The caller holds <see cref="StartupGate"/> and sets the mode.
    /// </summary>
    internal Task<IAlbaHost> StartForCodeGenerationAsync() =>
        StartOnceAsync(new Dictionary<string, string?>(_settings) { ["EventStore:DaemonMode"] = "Disabled" }, AllServices);

    /// <summary>Starts the real service with these settings (and test overrides of its services).</summary>
    /// <remarks>
    /// Creating a fresh database's schema at start-up fails now and then while many hosts start at once on two cores:
    /// the migration's first attempt breaks off part-way and its retry replays statements that already ran ("relation
    /// already exists"). A second start computes the difference from what is there and completes it, as a restarted
    /// service would; so a host start that fails that way is tried once more.
    /// </remarks>
    public static async Task<IAlbaHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection> services)
    {
        JasperFxEnvironment.AutoStartHost = true;
        try
        {
            return await StartupGate.StartingAsync(() => StartOnceAsync(settings, services));
        }
        catch (MartenSchemaException)
        {
            return await StartupGate.StartingAsync(() => StartOnceAsync(settings, services));
        }
    }

    private static Task<IAlbaHost> StartOnceAsync(IDictionary<string, string?> settings, Action<IServiceCollection> services) =>
        AlbaHost.For<Program>(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services);
        });

    public virtual async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Waits until the async projections have processed every stored event.</summary>
    public Task CatchUpAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits (up to 60 s) until the theater's model state satisfies <paramref name="done"/>.</summary>
    public async Task<TheaterModel> WaitForModelAsync(string theaterId, Func<TheaterModel, bool> done) =>
        (await Eventually.UntilAsync(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<TheaterModel>(theaterId);
        }, model => model is not null && done(model), TimeSpan.FromSeconds(180), $"the model of {theaterId} getting there"))!;

    /// <summary>A theater id no other test uses, so tests of a class share the store without resets.</summary>
    public static string NewTheater(string name) => $"{name}-{Guid.NewGuid():N}"[..Math.Min(64, name.Length + 13)];
}
