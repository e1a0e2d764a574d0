using EscalationForecast.Api.Forecasts.Fitting;

namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>
/// A theater's current model and its latest failure, kept beside its model stream (<see cref="ModelStreams.Of"/>;
/// id = theater id, <see cref="Version"/> = the stream's version); when the lifecycle last recorded a fit or a
/// failure, and when a refit held back by <see cref="ModelOptions.MinRefitIntervalSeconds"/> is due.
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

public static class ModelStreams
{
    /// <summary>Theater ids are <c>a-z 0-9 - _</c>, so the colon keeps model streams apart from theater streams.</summary>
    public static string Of(string theaterId) => $"model:{theaterId}";
}
