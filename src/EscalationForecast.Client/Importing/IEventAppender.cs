using EscalationForecast.Client.Events;

namespace EscalationForecast.Client.Importing;

/// <summary>
/// Where the import pipeline sends batches. <see cref="Http.EscalationForecastClient"/> posts them over HTTP;
/// the server's first-start sample loader can append in-process instead. Either way a refusal is reported as
/// <see cref="Http.ForecastApiException"/> (400 with per-item errors, 409, 413 ...), so the pipeline can react.
/// </summary>
public interface IEventAppender
{
    Task<AppendResult> AppendAsync(IReadOnlyList<EventItem> items, CancellationToken cancellationToken = default);
}
