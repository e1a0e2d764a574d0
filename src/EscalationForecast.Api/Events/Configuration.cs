using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Events.Reading;
using Marten;

namespace EscalationForecast.Api.Events;

public static class Configuration
{
    /// <summary>
    /// The theater events, stored under the spec's type names, and their intake: the idempotency index beside the
    /// events, validation, and the one write path into the theater streams (<see cref="EventIntake"/>).
    /// </summary>
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(IngestionLimits.From(builder.Configuration));
        services.AddSingleton<CommittedSequence>();
        services.AddSingleton<EventAppender>();
        services.AddSingleton<EventIntake>();
        services.ConfigureMarten(opts =>
        {
            opts.Events.MapEventType<IncidentReported>(EventKinds.Incident);
            opts.Events.MapEventType<IncidentRevised>(EventKinds.IncidentRevised);
            opts.Events.MapEventType<IncidentRetracted>(EventKinds.IncidentRetracted);
            opts.Events.MapEventType<CeasefireDeclared>(EventKinds.CeasefireDeclared);
            opts.Events.MapEventType<CeasefireEnded>(EventKinds.CeasefireEnded);
            opts.Events.MapEventType<AnniversaryRegistered>(EventKinds.Anniversary);
            opts.Events.MapEventType<TheaterDescribed>(EventKinds.TheaterDescribed);
            opts.Storage.ExtendedSchemaObjects.Add(EventKey.Define(opts.DatabaseSchemaName));
            opts.Storage.ExtendedSchemaObjects.Add(TheaterChannels.Define(opts.DatabaseSchemaName));
        });
        return builder;
    }

    public static WebApplication MapEvents(this WebApplication app)
    {
        app.MapPost("/api/v1/events", PostEvents.Handle).WithTags("Events");
        app.MapGet("/api/v1/events", GetEvents.Handle).WithTags("Events");
        return app;
    }
}
