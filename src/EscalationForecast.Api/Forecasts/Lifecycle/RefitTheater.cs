using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Theaters;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>Fit the theater's model on everything known now, unless the current model already saw exactly that.</summary>
public sealed record RefitTheater(string TheaterId);

/// <summary>
/// Refits off the request path. The fit is recorded as <see cref="ModelFitted"/> in the theater's model stream
/// (appended at the version the handler read, so two nodes never both record a fit of the same change) and
/// kept as <see cref="TheaterModel"/>; a failure is recorded as <see cref="ModelFitFailed"/> and the previous
/// model keeps serving. A theater fitted less than <see cref="ModelOptions.MinRefitIntervalSeconds"/> ago (or
/// <see cref="ModelOptions.RefitCostFactor"/> times its last fit's duration) is asked again when that time ends instead.
/// </summary>
public static class RefitTheaterHandler
{
    public static async Task Handle(RefitTheater message, IDocumentSession session, IMessageContext bus, TheaterHistories histories,
        ModelFits fits, IOptions<ModelOptions> options, TimeProvider clock, ILogger<RefitTheater> logger, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = await session.LoadAsync<TheaterModel>(message.TheaterId, ct) ?? new TheaterModel(message.TheaterId, null, null, 0);
        if (state.RefittedAt is { } refittedAt && options.Value.NextRefit(refittedAt, state.Current) is var next && next > now)
        {
            // Too soon after the last fit: one refit is asked for at the end of the interval, however many pages
            // of events arrive meanwhile (it fits whatever is known then, or nothing if that is what it saw).
            if (state.RefitDue != next)
            {
                session.Store(state with { RefitDue = next });
                await bus.ScheduleAsync(message, next);
            }
            return;
        }
        var history = await histories.LoadAsync(message.TheaterId, now, ct);
        if (history is null) return;
        var inputs = ModelInputs.From(history, now);
        if (state.Current?.DataKey == inputs.DataKey || state.LastFailure?.DataKey == inputs.DataKey
            || inputs.Incidents.Length < ModelFits.MinimumIncidents)
        {
            return;
        }

        var stream = ModelStreams.Of(message.TheaterId);
        try
        {
            var fitted = await fits.ForAsync(inputs, ct); // a fit kept for this data, else fitted now and kept
            session.Events.Append(stream, state.Version + 1, fitted);
            session.Store(state with { Current = fitted, Version = state.Version + 1, RefittedAt = now });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Fitting theater {TheaterId} failed; the previous model keeps serving", message.TheaterId);
            var failed = new ModelFitFailed(message.TheaterId, inputs.DataKey, now, e.Message);
            session.Events.Append(stream, state.Version + 1, failed);
            session.Store(state with { LastFailure = failed, Version = state.Version + 1, RefittedAt = now });
        }
    }
}
