using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Theaters;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;
using Wolverine.Marten;

namespace EscalationForecast.Api.Storage;

public static class Configuration
{
    /// <summary>
    /// The Marten event store: one stream per theater (string keys), events stored under the spec's type names,
    /// camelCase JSON, the idempotency index beside the events, and the theater projections in the async daemon
    /// (<c>EventStore:DaemonMode</c>: <c>HotCold</c> distributed by Wolverine, <c>Solo</c>, or <c>Disabled</c>).
    /// </summary>
    public static WebApplicationBuilder AddEventStore(this WebApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddNpgsqlDataSource(connectionString);
        builder.Services.AddSingleton<EventAppender>();
        builder.Services.AddSingleton<EventRows>();
        var marten = builder.Services.AddMarten(opts =>
            {
                opts.Events.StreamIdentity = StreamIdentity.AsString;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                    json =>
                    {
                        json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
                        json.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals; // a model's NaN standard error
                    });
                opts.Events.MapEventType<IncidentReported>(EventKinds.Incident);
                opts.Events.MapEventType<IncidentRevised>(EventKinds.IncidentRevised);
                opts.Events.MapEventType<IncidentRetracted>(EventKinds.IncidentRetracted);
                opts.Events.MapEventType<CeasefireDeclared>(EventKinds.CeasefireDeclared);
                opts.Events.MapEventType<CeasefireEnded>(EventKinds.CeasefireEnded);
                opts.Events.MapEventType<AnniversaryRegistered>(EventKinds.Anniversary);
                opts.Events.MapEventType<TheaterDescribed>(EventKinds.TheaterDescribed);

                opts.Storage.ExtendedSchemaObjects.Add(EventKey.Define(opts.DatabaseSchemaName));
                opts.Schema.For<DailyBucket>().Index(x => x.TheaterId);
                opts.Projections.Add(new TheaterProjection(), ProjectionLifecycle.Async, TheaterProjection.Name, o =>
                {
                    o.BatchSize = 5_000; // imports arrive 10,000 at a time: fewer, larger pages
                    o.DeleteViewTypeOnTeardown<DailyBucket>();
                    o.DeleteViewTypeOnTeardown<TheaterView>();
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
}
