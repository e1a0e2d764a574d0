using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>
/// A fit of a theater's Hawkes model: the data it saw (<see cref="DataThrough"/>, <see cref="KnownAt"/>,
/// <see cref="DataKey"/>), its parameters and its diagnostics. The lifecycle records the fits it makes current as
/// events in the theater's model stream, so that what the model believed at any time replays with the history.
/// <see cref="DayCounts"/> is the day-count model fitted beside the Hawkes process when every incident is known to
/// the day only: the risk answers forecast from it (fits recorded before it existed have none and forecast as before).
/// </summary>
public sealed record ModelFitted(
    string TheaterId, string DataKey, DateTimeOffset DataThrough, DateTimeOffset KnownAt, int EventsUsed,
    DateTimeOffset FittedAt, HawkesModel Model, FitDiagnostics Diagnostics, DayCountModel? DayCounts = null);
