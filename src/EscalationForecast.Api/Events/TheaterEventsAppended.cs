namespace EscalationForecast.Api.Events;

/// <summary>
/// Published by the intake in the transaction that stores a batch (through Wolverine's outbox, so it is delivered
/// if and only if the batch is stored): the theaters whose incidents, ceasefires or anniversaries changed. The
/// model lifecycle schedules their refits and alerting evaluates their rules.
/// </summary>
public sealed record TheaterEventsAppended(IReadOnlyList<string> TheaterIds);
