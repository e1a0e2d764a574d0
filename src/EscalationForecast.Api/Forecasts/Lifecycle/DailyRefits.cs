using EscalationForecast.Api.Forecasts.Fitting;
using Marten;
using Wolverine;

namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>
/// A quiet theater is refitted once a day: a fit observes the theater up to the start of its day
/// (<see cref="ModelInputs.FitEnd"/>), so once a new day begins, every model that observed only up to an earlier day is
/// sent for a refit, which then learns the quiet day too. Checked every <see cref="ModelOptions.DailyRefitCheckSeconds"/>
/// on every node; <see cref="RefitTheaterHandler"/> skips a theater another node already refitted on the same data.
/// </summary>
public sealed class DailyRefits(IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ModelOptions> options, ILogger<DailyRefits> logger) : BackgroundService
{
    private readonly Dictionary<string, double> _requested = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.DailyRefitCheckSeconds)), clock);
        do
        {
            try
            {
                await RequestAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for models to refit for the new day failed; trying again at the next check");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RequestAsync(CancellationToken ct)
    {
        var today = Math.Floor(ModelInputs.Days(clock.GetUtcNow()));
        await using var session = store.QuerySession();
        var models = await session.Query<TheaterModel>().Where(m => m.Current != null).ToListAsync(ct);
        foreach (var model in models)
        {
            if (ModelInputs.Days(model.Current!.DataThrough) >= today || _requested.GetValueOrDefault(model.Id) >= today) continue;
            _requested[model.Id] = today;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new RefitTheater(model.Id));
        }
    }
}
