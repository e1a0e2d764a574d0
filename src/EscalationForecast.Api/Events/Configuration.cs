using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Events.Reading;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Http.OpenApi;
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
            opts.Events.MapEventType<ScheduledEventRegistered>(EventKinds.ScheduledEvent);
            opts.Events.MapEventType<ScheduledEventRevised>(EventKinds.ScheduledEventRevised);
            opts.Events.MapEventType<ScheduledEventCancelled>(EventKinds.ScheduledEventCancelled);
            opts.Events.MapEventType<TheaterDescribed>(EventKinds.TheaterDescribed);
            opts.Storage.ExtendedSchemaObjects.Add(EventKey.Define(opts.DatabaseSchemaName));
            opts.Storage.ExtendedSchemaObjects.Add(TheaterChannels.Define(opts.DatabaseSchemaName));
            opts.Storage.ExtendedSchemaObjects.Add(TheaterChannels.Define(opts.DatabaseSchemaName, TheaterChannels.FamiliesTableName));
        });
        return builder;
    }

    public static WebApplication MapEvents(this WebApplication app)
    {
        app.MapPost("/api/v1/events", PostEvents.Handle).WithTags("Events").WithName("postEvents")
            .WithSummary("Store one event or a batch of up to 10,000, all or nothing, idempotent by id")
            .Accepts<IReadOnlyList<PostedEvent>>("application/json").ProducesProblem(409).ProducesProblem(413);
        app.MapGet("/api/v1/events", GetEvents.Handle).WithTags("Events").WithName("getEvents")
            .WithSummary("Read the stored history in recorded order, paged (JSON or CSV)")
            .Produces<ListPage<StoredEvent>>(200, "application/json", Csv.MediaType)
            .Query(new("theaterId", "string", "One theater's events."), new("type", "string", "A comma list of event types (incident, ceasefire-declared, ..., theater-described)."),
                ApiParameters.From, ApiParameters.To, ApiParameters.KnownAt, ApiParameters.AfterSequence, ApiParameters.Limit, ApiParameters.Format);
        return app;
    }
}
