using System.Text.Json.Serialization;

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

/// <summary>One possible author of an incident and how likely it is.</summary>
public sealed record AttributionShare(string Channel, double Probability)
{
    /// <summary>The attribution's most probable channel (the first of equals).</summary>
    public static string? MostProbable(IReadOnlyList<AttributionShare>? attribution) =>
        attribution is { Count: > 0 } shares ? shares.Aggregate((a, b) => b.Probability > a.Probability ? b : a).Channel : null;
}

/// <summary>
/// An incident. <see cref="Attribution"/>, when its author is uncertain, lists the channels it may belong to with their
/// probabilities (summing to 1); <see cref="Channel"/> is then the most probable one. <see cref="ClaimedBy"/> and
/// <see cref="DeniedBy"/> are kept for analysts. The three are left out of the stored JSON and the fingerprint when
/// absent, so incidents stored before they existed keep their fingerprints.
/// </summary>
public sealed record IncidentReported(
    string Id, string TheaterId, Occurrence OccurredAt, string Channel, int Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttributionShare>? Attribution = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClaimedBy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeniedBy = null) : ITheaterEvent;

/// <summary>
/// A correction: <see cref="OccurredAt"/> is the incident's (possibly corrected) time; null fields keep their value. A
/// new <see cref="Attribution"/> replaces the incident's (and its channel becomes the most probable one unless named);
/// a <see cref="Channel"/> without one settles the author, so the incident's attribution is dropped.
/// </summary>
public sealed record IncidentRevised(
    string Id, string TheaterId, string IncidentId, Occurrence OccurredAt, string? Channel, int? Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttributionShare>? Attribution = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClaimedBy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeniedBy = null) : ITheaterEvent;

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

/// <summary>
/// A date known ahead (a deadline, an election, a negotiation round) whose pressure on the background ramps up over
/// <see cref="DaysBefore"/> days to <see cref="Date"/> and fades over <see cref="DaysAfter"/>; one multiplier is fitted
/// per <see cref="Family"/>. A forecast sees it from <see cref="AnnouncedAt"/> (when it became known), or, when that
/// is not given, from the start of its ramp; <see cref="RecursYearly"/> repeats it every year.
/// </summary>
public sealed record ScheduledEventRegistered(
    string Id, string TheaterId, DateOnly Date, string Name, string Family, int DaysBefore, int DaysAfter, bool RecursYearly,
    Occurrence? AnnouncedAt, DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>A correction of a scheduled event (a postponement, a new name or ramp): null fields keep their value.</summary>
public sealed record ScheduledEventRevised(
    string Id, string TheaterId, string ScheduledEventId, DateOnly? Date, string? Name, string? Family, int? DaysBefore,
    int? DaysAfter, bool? RecursYearly, Occurrence? AnnouncedAt, DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>
/// A scheduled event called off at <see cref="OccurredAt"/>: its pressure ends there (a cancellation dated before its
/// ramp removes it altogether).
/// </summary>
public sealed record ScheduledEventCancelled(
    string Id, string TheaterId, string ScheduledEventId, Occurrence OccurredAt, string? Reason,
    DateTimeOffset RecordedAt) : ITheaterEvent;

/// <summary>A theater's description from <c>PUT /api/v1/theaters/{id}</c>; the latest one wins.</summary>
public sealed record TheaterDescribed(
    string Id, string TheaterId, string? Name, string? Description, IReadOnlyList<string> Channels,
    DateTimeOffset RecordedAt) : ITheaterEvent;
