namespace EscalationForecast.Api.Events;

/// <summary>
/// Every event of the store lives in its theater's stream (keyed by the theater id) and carries the client's
/// idempotency key <see cref="Id"/> and the instant the service stored it.
/// </summary>
public interface ITheaterEvent
{
    string Id { get; }
    string TheaterId { get; }
    DateTimeOffset RecordedAt { get; }
}

public sealed record GeoLocation(double Lat, double Lon, string? Name);

public sealed record IncidentReported(
    string Id, string TheaterId, Occurrence OccurredAt, string Channel, int Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>A correction: <see cref="OccurredAt"/> is the incident's (possibly corrected) time; null fields keep their value.</summary>
public sealed record IncidentRevised(
    string Id, string TheaterId, string IncidentId, Occurrence OccurredAt, string? Channel, int? Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    DateTimeOffset RecordedAt) : ITheaterEvent;

public sealed record IncidentRetracted(
    string Id, string TheaterId, string IncidentId, Occurrence OccurredAt, string? Reason,
    DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary><see cref="Parties"/> are the channels or actors it binds; empty binds the whole theater.</summary>
public sealed record CeasefireDeclared(
    string Id, string TheaterId, Occurrence OccurredAt, string? Name, IReadOnlyList<string> Parties,
    DateTimeOffset RecordedAt) : ITheaterEvent;

public sealed record CeasefireEnded(
    string Id, string TheaterId, string CeasefireId, Occurrence OccurredAt, string? Reason,
    DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>A date that recurs yearly, raising the background for <see cref="WindowDays"/> days either side.</summary>
public sealed record AnniversaryRegistered(
    string Id, string TheaterId, DateOnly Date, string? Name, int WindowDays,
    DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>A theater's description from <c>PUT /api/v1/theaters/{id}</c>; the latest one wins.</summary>
public sealed record TheaterDescribed(
    string Id, string TheaterId, string? Name, string? Description, IReadOnlyList<string> Channels,
    DateTimeOffset RecordedAt) : ITheaterEvent;
