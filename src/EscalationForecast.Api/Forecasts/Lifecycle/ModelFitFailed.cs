namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>A refit that failed, recorded in the theater's model stream: the previous model keeps serving, and this says why.</summary>
public sealed record ModelFitFailed(string TheaterId, string DataKey, DateTimeOffset At, string Reason);
