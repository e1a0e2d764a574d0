using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Models;

/// <summary>
/// A fit of a theater's Hawkes model, recorded as an event in the theater's model stream
/// (<see cref="ModelStreams.Of"/>) so that what the model believed at any time replays with the history:
/// the data it saw (<see cref="DataThrough"/>, <see cref="KnownAt"/>, <see cref="DataKey"/>), its
/// parameters and its diagnostics.
/// </summary>
public sealed record ModelFitted(
    string TheaterId, string DataKey, DateTimeOffset DataThrough, DateTimeOffset KnownAt, int EventsUsed,
    DateTimeOffset FittedAt, HawkesModel Model, FitDiagnostics Diagnostics);

/// <summary>A fit that failed: the previous model keeps serving, and this says why.</summary>
public sealed record ModelFitFailed(string TheaterId, string DataKey, DateTimeOffset At, string Reason);

/// <summary>
/// A theater's current model and its latest failure, kept beside the model stream (id = theater id); when the
/// lifecycle last recorded a fit or a failure, and when a refit held back by
/// <see cref="ModelOptions.MinRefitIntervalSeconds"/> is due.
/// </summary>
public sealed record TheaterModel(string Id, ModelFitted? Current, ModelFitFailed? LastFailure, long Version)
{
    /// <summary>
    /// When the lifecycle last recorded a fit or a failure. Not the fit's own time: the fit it records may have been
    /// made earlier, for the same data, by a live or time-travel answer.
    /// </summary>
    public DateTimeOffset? RefittedAt { get; init; }

    public DateTimeOffset? RefitDue { get; init; }
}

/// <summary>A fit by the key of the data it saw, shared by the lifecycle, time travel and every node.</summary>
public sealed record CachedFit(string Id, ModelFitted Fit);

public static class ModelStreams
{
    /// <summary>Theater ids are <c>a-z 0-9 - _</c>, so the colon keeps model streams apart from theater streams.</summary>
    public static string Of(string theaterId) => $"model:{theaterId}";
}
