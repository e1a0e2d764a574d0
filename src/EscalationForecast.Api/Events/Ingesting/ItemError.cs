namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>Why one posted item cannot be stored: its position in the batch, its id, the field and the fix.</summary>
public sealed record ItemError(int Index, string? Id, string Field, string Reason);
