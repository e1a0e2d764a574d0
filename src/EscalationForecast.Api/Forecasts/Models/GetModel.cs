using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Http;
using EscalationForecast.Hawkes;
using Marten;

namespace EscalationForecast.Api.Forecasts.Models;

public sealed record ChannelModel(string Channel, double BaselinePerDay, IReadOnlyDictionary<string, double> ExcitedBy);

public sealed record ModelDocument(
    string TheaterId, string Kernel, double BranchingRatio, double DecayHalfLifeDays, double BaselinePerDay,
    IReadOnlyList<ChannelModel> Channels, IReadOnlyDictionary<string, EffectEstimate> Effects,
    IReadOnlyList<ParameterEstimate> Parameters, double LogLikelihood, double Aic, double PoissonAic,
    double KsStatistic, double KsPValue, int Evaluations, double FitSeconds, bool Converged,
    int EventsUsed, DateTimeOffset DataThrough, DateTimeOffset FittedAt, string DataKey, ModelFitFailed? LastFailure,
    IReadOnlyDictionary<string, double>? DayCountEffects)
{
    public static ModelDocument Of(ModelFitted fit, ModelFitFailed? lastFailure)
    {
        var m = fit.Model;
        var channels = m.Channels.Select((c, d) => new ChannelModel(c, m.BaselinePerDay[d],
            m.Channels.Select((source, s) => (source, s)).ToDictionary(x => x.source, x => m.Excitation[d][x.s]))).ToArray();
        var d = fit.Diagnostics;
        return new ModelDocument(fit.TheaterId, m.Kernel, m.BranchingRatio, m.DecayHalfLifeDays, m.BaselinePerDay.Sum(),
            channels, m.Effects, m.Parameters, d.LogLikelihood, d.Aic, d.PoissonAic, d.KsStatistic, d.KsPValue,
            d.Evaluations, d.Seconds, d.Converged, fit.EventsUsed, fit.DataThrough, fit.FittedAt, fit.DataKey, lastFailure,
            fit.DayCounts is { } daily
                ? daily.EffectFamilies.Select((f, j) => (f, j)).ToDictionary(x => x.f, x => Math.Exp(daily.EffectLogMultipliers[x.j]))
                : null);
    }
}

/// <summary>
/// <c>GET /api/v1/theaters/{id}/model</c>: the current fit (its <c>effects</c>: every covariate family's multiplier with
/// its standard error, ceasefire, anniversary and each scheduled family; for a theater forecast by the day-count model
/// also that model's multipliers, <c>dayCountEffects</c>), with the latest failure if one came after it; with
/// <c>asOf</c>/<c>knownAt</c>, the fit on exactly the data known then (recorded or fitted now and kept).
/// </summary>
public static class GetModel
{
    public static async Task<IResult> Handle(string theaterId, HttpContext context, IQuerySession session, ModelFits fits,
        TimeProvider clock, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryInstant(q["asOf"], "asOf", out var asOf, out var error)
            || !QueryParameters.TryInstant(q["knownAt"], "knownAt", out var knownAt, out error))
        {
            return Problems.BadRequest(error!);
        }
        if (asOf is null && knownAt is null && await session.LoadAsync<TheaterModel>(theaterId, ct) is { Current: { } current } state)
        {
            return TypedResults.Ok(ModelDocument.Of(current, state.LastFailure?.At > current.FittedAt ? state.LastFailure : null));
        }
        var now = clock.GetUtcNow();
        var data = await fits.OnDataAsync(theaterId, asOf ?? now, knownAt ?? now, ct);
        if (data.NoTheater) return Problems.NoTheater(theaterId);
        return data.Fit is { } fit
            ? TypedResults.Ok(ModelDocument.Of(fit, null))
            : Problems.NotEnoughHistory(theaterId, data.Incidents, ModelFits.MinimumIncidents);
    }
}
