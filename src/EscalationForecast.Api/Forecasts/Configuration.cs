using EscalationForecast.Api.Forecasts.Backtest;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Forecasts.Listing;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Forecasts.Models;
using EscalationForecast.Api.Forecasts.Risk;
using EscalationForecast.Api.Forecasts.Series;
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
        app.MapGet("/api/v1/theaters", GetTheaters.Handle).WithTags("Theaters");
        app.MapGet("/api/v1/theaters/{theaterId}/series", GetSeries.Handle).WithTags("Theaters");
        app.MapGet("/api/v1/theaters/{theaterId}/risk", GetRisk.Handle).WithTags("Risk");
        app.MapGet("/api/v1/theaters/{theaterId}/model", GetModel.Handle).WithTags("Risk");
        app.MapGet("/api/v1/theaters/{theaterId}/backtest", GetBacktest.Handle).WithTags("Risk");
        return app;
    }
}
