using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Risk;

/// <summary>
/// Turns a fitted model and the theater's history at <c>asOf</c> into the risk document: the count forecast
/// over the horizon (deterministic seed, so the same question on the same data gives the same bytes), the score
/// on the theater's own scale, and the drivers. A fit with a day-count model (a theater known to the day only)
/// forecasts the whole days from asOf's day on from it (<see cref="DayCountForecaster"/>); the drivers still name the
/// incidents and effects of the Hawkes process fitted beside it, which explains the intensity.
/// </summary>
public static class RiskCalculator
{
    public const int Paths = 10_000;
    private const int TopIncidents = 5;

    public static RiskDocument Compute(ModelInputs inputs, ModelFitted fit, DateTimeOffset knownAt, int horizonDays, int[] atLeast)
    {
        using var activity = EscalationActivities.Forecast(inputs.TheaterId);
        var from = ModelInputs.Days(inputs.AsOf);
        var windowCounts = RiskScore.WindowCounts(DailyCounts(inputs), horizonDays);
        var thresholds = atLeast.Union(RiskScore.ThresholdsFor(windowCounts)).Append(1).Distinct().Order().ToArray();
        var forecastOptions = new ForecastOptions { Paths = Paths, Seed = 0, AtLeast = thresholds };
        var forecast = fit.DayCounts is { } daily
            ? DayCountForecaster.Forecast(daily, inputs.History, inputs.Covariates, (int)Math.Floor(from), horizonDays, forecastOptions)
            : Forecaster.Forecast(fit.Model, inputs.History, inputs.Covariates, from, horizonDays, forecastOptions);
        var score = RiskScore.Of(forecast.ProbabilityAtLeast, windowCounts);

        return new RiskDocument(
            inputs.TheaterId, inputs.AsOf, knownAt, horizonDays,
            Round(forecast.IntensityPerDay), Round(forecast.BaselinePerDay),
            Round(forecast.BaselinePerDay > 0 ? forecast.IntensityPerDay / forecast.BaselinePerDay : 1),
            Round(forecast.ExpectedCount),
            forecast.Quantiles.ToDictionary(q => $"p{Math.Round(q.Key * 100):00}", q => q.Value),
            atLeast.ToDictionary(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture), k => Round(forecast.ProbabilityAtLeast[k])),
            Round(forecast.ProbabilityAtLeastOne), score, RiskScore.LevelOf(score),
            DriversOf(inputs, fit.Model, from, horizonDays),
            new RiskModel(fit.FittedAt, fit.DataThrough, fit.EventsUsed, Round(fit.DayCounts?.BranchingRatio ?? fit.Model.BranchingRatio),
                fit.DayCounts is null ? fit.Model.Kernel : DayCountModel.KernelName));
    }

    /// <summary>Incidents per day over the score's lookback, ending with the last day that had ended by asOf.</summary>
    public static int[] DailyCounts(ModelInputs inputs)
    {
        var lastDay = DateOnly.FromDateTime(inputs.AsOf.UtcDateTime).AddDays(-1);
        var firstIncident = inputs.Incidents.Length == 0 ? lastDay : inputs.Incidents[0].OccurredAt.Day;
        var firstDay = DateOnly.FromDayNumber(Math.Max(firstIncident.DayNumber, lastDay.DayNumber - RiskScore.LookbackDays + 1));
        var counts = new int[Math.Max(0, lastDay.DayNumber - firstDay.DayNumber + 1)];
        foreach (var incident in inputs.Incidents)
        {
            var index = incident.OccurredAt.Day.DayNumber - firstDay.DayNumber;
            if (index >= 0 && index < counts.Length) counts[index]++;
        }
        return counts;
    }

    private static List<RiskDriver> DriversOf(ModelInputs inputs, HawkesModel model, double from, int horizonDays)
    {
        var breakdown = Drivers.Explain(model, inputs.History, inputs.Covariates, from, TopIncidents);
        var drivers = breakdown.Events
            .Where(e => e.PerDay > 0)
            .OrderByDescending(e => e.PerDay)
            .Select(e => new RiskDriver("incident", EventId: inputs.Incidents[e.EventIndex].Id,
                OccurredAt: inputs.Incidents[e.EventIndex].OccurredAt.ToString(), ContributionPerDay: Round(e.PerDay)))
            .ToList();
        drivers.AddRange(breakdown.Effects.Select(e => new RiskDriver(e.Effect, Name: e.Name, Multiplier: Round(e.Multiplier))));
        // Windows that open inside the horizon: an approaching anniversary raises the forecast before it arrives.
        foreach (var window in inputs.Covariates.Windows.Where(w => w.Start > from && w.Start < from + horizonDays))
        {
            if (model.Effects.TryGetValue(window.Effect, out var effect))
            {
                drivers.Add(new RiskDriver(window.Effect, Name: window.Name, Multiplier: Round(effect.Multiplier),
                    From: ModelInputs.Instant(window.Start), Until: ModelInputs.Instant(window.End)));
            }
        }
        return drivers;
    }

    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
