using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Series;

/// <summary>
/// The fitted intensity beside the counts: the events the model expected on each day given everything before
/// it (the integral of λ over the day), from what the live risk answers use (the history the board last read
/// and its model), or for <c>asOf</c>/<c>knownAt</c> from the model fitted on the data known then. Null when
/// the theater has no model yet.
/// </summary>
public static class SeriesIntensity
{
    public static async Task<double[]?> ExpectedAsync(ModelFits fits, RiskBoard board, string theaterId,
        DateTimeOffset asOf, DateTimeOffset knownAt, bool live, DateOnly first, int days, CancellationToken ct)
    {
        if (days <= 0) return null;
        if (!live || board.Current(theaterId) is not var (inputs, fit))
        {
            if (await fits.OnDataAsync(theaterId, asOf, knownAt, ct) is not { Inputs: { } known, Fit: { } fitted }) return null;
            (inputs, fit) = (known, fitted);
        }
        var firstDay = ModelInputs.Days(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return DailyIntensity.ExpectedPerDay(fit.Model, inputs.History, inputs.Covariates, firstDay, days)
            .Select(x => Math.Round(x, 4)).ToArray();
    }
}
