using EscalationForecast.Api.Models;
using EscalationForecast.Hawkes;
using Marten;

namespace EscalationForecast.Api.Theaters.Series;

/// <summary>
/// The fitted intensity beside the counts: the events the model expected on each day given everything before
/// it (the integral of λ over the day), from the current model, or for <c>asOf</c>/<c>knownAt</c> from the
/// model fitted on the data known then. Null when the theater has no model yet.
/// </summary>
public static class SeriesIntensity
{
    public static async Task<double[]?> ExpectedAsync(IQuerySession session, ModelFits fits, string theaterId,
        DateTimeOffset asOf, DateTimeOffset knownAt, bool live, DateOnly first, int days, CancellationToken ct)
    {
        if (days <= 0 || await TheaterHistory.LoadAsync(session, theaterId, knownAt, ct) is not { } history) return null;
        var inputs = ModelInputs.From(history, asOf);
        var fit = live && await session.LoadAsync<TheaterModel>(theaterId, ct) is { Current: { } current }
            ? current
            : inputs.Incidents.Length >= ModelFits.MinimumIncidents ? await fits.ForAsync(inputs, ct) : null;
        if (fit is null) return null;
        var firstDay = ModelInputs.Days(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return DailyIntensity.ExpectedPerDay(fit.Model, inputs.History, inputs.Covariates, firstDay, days)
            .Select(x => Math.Round(x, 4)).ToArray();
    }
}
