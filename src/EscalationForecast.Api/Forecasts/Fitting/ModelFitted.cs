using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>
/// A fit of a theater's Hawkes model: the data it saw (<see cref="DataThrough"/>, <see cref="KnownAt"/>,
/// <see cref="DataKey"/>), its parameters and its diagnostics. The lifecycle records the fits it makes current as
/// events in the theater's model stream, so that what the model believed at any time replays with the history.
/// </summary>
public sealed record ModelFitted(
    string TheaterId, string DataKey, DateTimeOffset DataThrough, DateTimeOffset KnownAt, int EventsUsed,
    DateTimeOffset FittedAt, HawkesModel Model, FitDiagnostics Diagnostics);
