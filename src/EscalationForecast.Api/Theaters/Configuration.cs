using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Theaters.Describing;
using EscalationForecast.Api.Theaters.Replaying;
using JasperFx.Events.Projections;
using Marten;

namespace EscalationForecast.Api.Theaters;

public static class Configuration
{
    /// <summary>
    /// Theaters as their events make them: the in-memory histories (every theater as known at any time, told of
    /// each committed batch), the projection of daily buckets and theater views in the async daemon, descriptions,
    /// and the projection's rebuild.
    /// </summary>
    public static WebApplicationBuilder AddTheaters(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TheaterHistories>();
        services.AddSingleton<ICommittedEventsListener>(sp => sp.GetRequiredService<TheaterHistories>());
        services.AddSingleton<ReplayJob>();
        services.AddSingleton<ProjectionWaits>();
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<DailyBucket>().Index(x => x.TheaterId);
            opts.Projections.Add(new TheaterProjection(), ProjectionLifecycle.Async, TheaterProjection.Name, o =>
            {
                o.BatchSize = 5_000; // imports arrive 10,000 at a time: fewer, larger pages
                o.DeleteViewTypeOnTeardown<DailyBucket>();
                o.DeleteViewTypeOnTeardown<TheaterView>();
            });
        });
        return builder;
    }

    public static WebApplication MapTheaters(this WebApplication app)
    {
        app.MapPut("/api/v1/theaters/{theaterId}", PutTheater.Handle).WithTags("Theaters").WithName("putTheater")
            .WithSummary("Name and describe a theater (creating it when new)");
        app.MapPost("/api/v1/admin/replay", ReplayEndpoints.Start).WithTags("Admin").WithName("startReplay")
            .WithSummary("Start rebuilding the projections from the events").Produces<ReplayStatus>(202);
        app.MapGet("/api/v1/admin/replay", ReplayEndpoints.Status).WithTags("Admin").WithName("getReplay")
            .WithSummary("Read the progress of the projections' rebuild");
        return app;
    }
}
