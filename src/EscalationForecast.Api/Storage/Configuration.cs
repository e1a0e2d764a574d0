using EscalationForecast.Api.Storage.EventTables;
using JasperFx.Core;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace EscalationForecast.Api.Storage;

public static class Configuration
{
    /// <summary>The event store's database schema: Marten's default, where Wolverine keeps its tables too.</summary>
    public const string Schema = "public";

    /// <summary>
    /// The Marten event store: string stream keys, camelCase JSON, lightweight sessions, the schema applied at start,
    /// and the async daemon (<c>EventStore:DaemonMode</c>: <c>HotCold</c> distributed by Wolverine, <c>Solo</c>, or
    /// <c>Disabled</c>); and the adapter that reads and writes Marten's event tables directly. Each feature registers
    /// its own event types, documents and projections (<c>services.ConfigureMarten</c> in its Configuration).
    /// </summary>
    public static async Task<WebApplicationBuilder> AddEventStoreAsync(this WebApplicationBuilder builder, string connectionString)
    {
        await SchemaVersion.CheckAsync(connectionString, Schema); // a database a newer build wrote is refused before anything touches it
        builder.Services.AddNpgsqlDataSource(connectionString);
        builder.Services.AddSingleton<EventTableWriter>();
        builder.Services.AddSingleton<EventTableReader>();
        var marten = builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = Schema;
                opts.Events.StreamIdentity = StreamIdentity.AsString;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                    json =>
                    {
                        json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
                        json.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals; // a model's NaN standard error
                    });
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        // HotCold (the default on a configured server, for any number of nodes): Wolverine's agent distribution
        // runs each async projection on one node and moves it when that node goes; Marten's own daemon is then not
        // added (both would run every shard on every node). Solo (the default on the embedded cluster, which only
        // this process uses; and tests): Marten's daemon runs them all here, at about twice the ingestion rate.
        var embedded = string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Marten"));
        var daemonMode = builder.Configuration.GetValue("EventStore:DaemonMode", embedded ? DaemonMode.Solo : DaemonMode.HotCold);
        if (daemonMode == DaemonMode.HotCold)
        {
            marten.IntegrateWithWolverine(m => m.UseWolverineManagedEventSubscriptionDistribution = true);
        }
        else
        {
            marten.AddAsyncDaemon(daemonMode).IntegrateWithWolverine();
        }
        return builder;
    }

    /// <summary>
    /// Wolverine on the same PostgreSQL, transactional around Marten, durable local queues. Each feature names its
    /// handlers and routes (<c>services.ConfigureWolverine</c> in its Configuration).
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(Configuration).Assembly; // generated code lives here, whichever host a test process starts first
            opts.Discovery.DisableConventionalDiscovery(); // each feature names its handlers (ASP.NET's auth "handlers" are not messages)
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated; // features handling one message each get their own queue and transaction
            // Two nodes appending to one model or alert stream at the version each read: the second is tried again.
            opts.OnException<EventStreamUnexpectedMaxEventIdException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());
        });
        return builder;
    }
}
