using EscalationForecast.Api.Models.Lifecycle;
using EscalationForecast.Api.Theaters.Risk;
using EscalationForecast.Hawkes;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace EscalationForecast.Api.Models;

public static class Configuration
{
    /// <summary>
    /// The model lifecycle and the risk answers: fits recorded in each theater's model stream, refits of the theaters
    /// that stored batches changed (paced by <see cref="ModelOptions"/>), fits kept by data, and the live board.
    /// </summary>
    public static WebApplicationBuilder AddRiskModels(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Models");
        services.Configure<ModelOptions>(section);
        services.AddSingleton<FitEngine>((history, covariates, options) => HawkesFitter.Fit(history, covariates, options));
        services.AddSingleton<ModelFits>();
        services.AddSingleton<RiskBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<RiskBoard>());
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
}
