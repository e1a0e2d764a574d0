namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>A fit by the key of the data it saw, shared by the lifecycle, time travel and every node.</summary>
public sealed record CachedFit(string Id, ModelFitted Fit);
