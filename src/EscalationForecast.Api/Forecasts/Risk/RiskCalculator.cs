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
            .Select(e =>
            {
                var incident = inputs.Incidents[e.EventIndex];
                return new RiskDriver("incident", EventId: incident.Id, OccurredAt: incident.OccurredAt.ToString(), ContributionPerDay: Round(e.PerDay))
                    { Channel = incident.Channel, Attribution = incident.Attribution };
            })
            .ToList();
        // Windows in force (a ceasefire); dated ones (ramps) below, with their dates.
        drivers.AddRange(breakdown.Effects.Where(e => e.Window?.Profile is null)
            .Select(e => new RiskDriver(e.Effect, Name: e.Name, Multiplier: Round(e.Multiplier))));
        foreach (var window in inputs.Covariates.Windows.Where(w => w.End > from && w.Start < from + horizonDays))
        {
            if (window.Peak is { } peak) drivers.Add(Dated(window, peak, model, from));
            else if (window.Start > from && model.Effects.TryGetValue(window.Effect, out var effect))
            {
                // A ceasefire that begins inside the horizon lowers the forecast before it begins.
                drivers.Add(new RiskDriver(window.Effect, Name: window.Name, Multiplier: Round(effect.Multiplier),
                    From: ModelInputs.Instant(window.Start), Until: ModelInputs.Instant(window.End)));
            }
        }
        return drivers;
    }

    /// <summary>
    /// An anniversary or scheduled event in force or approaching: "deadline in 9 days, ×1.4 now": exp(γ·x(asOf)) on its
    /// ramp, or on its date (exp(γ)) while the ramp is still ahead; no multiplier while the family is not fitted.
    /// </summary>
    private static RiskDriver Dated(EffectWindow window, double peak, HawkesModel model, double from)
    {
        var fitted = model.Effects.TryGetValue(window.Effect, out var effect);
        var gamma = fitted ? Math.Log(effect!.Multiplier) : 0;
        var now = window.Start <= from ? window.Exposure(from) : 1;
        return new RiskDriver(window.Effect == Covariates.AnniversaryEffect ? Covariates.AnniversaryEffect : ScheduledEventKind,
            Name: window.Name, Multiplier: fitted ? Round(Math.Exp(gamma * now)) : null,
            From: ModelInputs.Instant(window.Start), Until: ModelInputs.Instant(window.End))
        {
            Family = window.Effect,
            Date = DateOnly.FromDateTime(ModelInputs.Instant(peak).UtcDateTime),
            DaysUntil = (int)(peak - Math.Floor(from)),
            PeakMultiplier = fitted ? Round(effect!.Multiplier) : null,
            StandardError = fitted ? Round(effect!.StandardError) : null,
        };
    }

    /// <summary>The driver kind of a scheduled event's window (an anniversary's is <c>anniversary</c>).</summary>
    public const string ScheduledEventKind = "scheduled-event";

    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
