using EscalationForecast.Api.Forecasts.Backtest;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Forecasts.Listing;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Forecasts.Models;
using EscalationForecast.Api.Forecasts.Risk;
using EscalationForecast.Api.Forecasts.Series;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Http.OpenApi;
using EscalationForecast.Hawkes;
using Marten;
using Wolverine;

namespace EscalationForecast.Api.Forecasts;

public static class Configuration
{
    /// <summary>
    /// The Hawkes models and what they answer: fits kept by data (<see cref="ModelFits"/>), the lifecycle that decides
    /// when a theater is refitted and records each fit in its model stream (<c>Lifecycle/</c>, paced by
    /// <see cref="ModelOptions"/>), the live board of "now" answers, and the risk, model, series and backtest reads.
    /// </summary>
    public static WebApplicationBuilder AddForecasts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ModelOptions>(builder.Configuration.GetSection("Models"));
        services.AddSingleton<FitEngine>((history, covariates, options) => HawkesFitter.Fit(history, covariates, options));
        services.AddSingleton<ModelFits>();
        services.AddSingleton<TheaterStates>();
        services.AddSingleton<RiskBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<RiskBoard>());
        services.AddHostedService<DailyRefits>();
        services.ConfigureMarten(opts =>
        {
            opts.Events.MapEventType<ModelFitted>("model-fitted");
            opts.Events.MapEventType<ModelFitFailed>("model-fit-failed");
            opts.Schema.For<TheaterModel>();
            opts.Schema.For<CachedFit>();
        });
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeType(typeof(RefitTheaterHandler));
            opts.Discovery.IncludeType(typeof(RefitChangedTheaters));
            opts.LocalQueueFor<RefitTheater>().Sequential(); // fits are CPU-bound: one at a time per node, never the same theater twice at once
        });
        return builder;
    }

    public static WebApplication MapForecasts(this WebApplication app)
    {
        app.MapGet("/api/v1/theaters", GetTheaters.Handle).WithTags("Theaters").WithName("getTheaters")
            .WithSummary("List every theater with its counts and current 7-day risk (JSON or CSV)")
            .Produces<ListPage<TheaterSummary>>(200, "application/json", Csv.MediaType).Produces(304)
            .Query(ApiParameters.IfNoneMatch, ApiParameters.Format);
        app.MapGet("/api/v1/theaters/{theaterId}/series", GetSeries.Handle).WithTags("Theaters").WithName("getSeries")
            .WithSummary("Read a theater's daily counts with the fitted intensity (JSON or CSV)")
            .Produces<SeriesPage>(200, "application/json", Csv.MediaType).ProducesProblem(404)
            .Query(ApiParameters.From, ApiParameters.To, new("channel", "string", "One channel's counts (the intensity is then null)."),
                ApiParameters.AsOf, ApiParameters.KnownAt, ApiParameters.Format);
        app.MapGet("/api/v1/theaters/{theaterId}/risk", GetRisk.Handle).WithTags("Risk").WithName("getRisk")
            .WithSummary("Read a theater's risk: P(at least k incidents) over the horizon, score, level, drivers")
            .Produces<RiskDocument>().Produces(304).ProducesProblem(404).ProducesProblem(422)
            .Query(ApiParameters.HorizonDays, new("atLeast", "string", "A comma list of up to 20 distinct k from 1 to 100000 for probabilityAtLeast.", Default: "1", Pattern: @"^\d+(,\d+)*$"),
                ApiParameters.AsOf, ApiParameters.KnownAt, ApiParameters.IfNoneMatch);
        app.MapGet("/api/v1/theaters/{theaterId}/model", GetModel.Handle).WithTags("Risk").WithName("getModel")
            .WithSummary("Read a theater's fitted Hawkes model, its effects and every parameter with its standard error")
            .Produces<ModelDocument>().ProducesProblem(404).ProducesProblem(422)
            .Query(ApiParameters.AsOf, ApiParameters.KnownAt);
        app.MapGet("/api/v1/theaters/{theaterId}/backtest", GetBacktest.Handle).WithTags("Risk").WithName("getBacktest")
            .WithSummary("Backtest a theater: rolling-origin forecasts against the outcomes and the baselines (rows as JSON or CSV)")
            .Produces<BacktestDocument>(200, "application/json", Csv.MediaType).ProducesProblem(404).ProducesProblem(422)
            .Query(ApiParameters.From, ApiParameters.To, ApiParameters.HorizonDays with { Default = 1 },
                new("atLeast", "integer", "An escalation is at least this many incidents over the horizon; default the 90th percentile of daily counts before from.", "int32", 1, 100_000),
                new("without", "string", "A comma list of effects left out of every refit: ceasefire, anniversary.", Pattern: "^(ceasefire|anniversary)(,(ceasefire|anniversary))*$"), ApiParameters.Format);
        return app;
    }
}
