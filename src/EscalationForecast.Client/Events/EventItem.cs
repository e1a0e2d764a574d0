using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationForecast.Client.Events;

/// <summary>
/// One item of <c>POST /api/v1/events</c> as a sender writes it (see docs: spec/http-api.md, "Writing events").
/// The server parses the raw JSON itself, so this record only has to produce the contract's shape:
/// camelCase names, and fields that do not apply to the <see cref="Type"/> left null so they are omitted.
/// </summary>
public sealed record EventItem
{
    /// <summary>The sender's idempotency key (1-128 chars): re-sending it with the same content is a no-op.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    public required string TheaterId { get; init; }

    /// <summary>A bare date (<c>2020-12-20</c>, day precision) or an ISO 8601 date-time in UTC; absent for anniversaries.</summary>
    public string? OccurredAt { get; init; }

    public string? Channel { get; init; }
    public string? Category { get; init; }
    public string? Actor { get; init; }
    public string? Target { get; init; }

    /// <summary>1-5; the server defaults it to 1.</summary>
    public int? Severity { get; init; }

    public int? Fatalities { get; init; }
    public GeoLocation? Location { get; init; }

    /// <summary>For <c>incident-revised</c> and <c>incident-retracted</c>: the id of the incident.</summary>
    public string? IncidentId { get; init; }

    /// <summary>For <c>ceasefire-declared</c>: channels or actors it binds; empty binds the whole theater.</summary>
    public IReadOnlyList<string>? Parties { get; init; }

    /// <summary>For <c>ceasefire-ended</c>: the id of the declaration.</summary>
    public string? CeasefireId { get; init; }

    /// <summary>For <c>ceasefire-ended</c>: <c>collapsed</c>, <c>expired</c> or <c>superseded</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>For <c>anniversary</c>: the original date, which recurs yearly.</summary>
    public string? Date { get; init; }

    /// <summary>The anniversary's (or ceasefire's) name, shown as a risk driver.</summary>
    public string? Name { get; init; }

    /// <summary>For <c>anniversary</c>: days either side of the date; the server defaults it to 3.</summary>
    public int? WindowDays { get; init; }

    /// <summary>For <c>incident</c>, <c>incident-revised</c>: the uncertain author, channels with probabilities summing to 1.</summary>
    public IReadOnlyList<AttributionShare>? Attribution { get; init; }

    public string? ClaimedBy { get; init; }
    public string? DeniedBy { get; init; }

    /// <summary>For <c>scheduled-event</c>: the kind of date (<c>deadline</c>, <c>election</c>, ...); one multiplier per family.</summary>
    public string? Family { get; init; }

    /// <summary>For <c>scheduled-event</c>: days of rising pressure before the date (default 14) and of fading after it (default 7).</summary>
    public int? DaysBefore { get; init; }

    public int? DaysAfter { get; init; }
    public bool? RecursYearly { get; init; }

    /// <summary>For <c>scheduled-event</c>: when the date became known; a forecast as of an earlier time does not see it.</summary>
    public string? AnnouncedAt { get; init; }

    /// <summary>For <c>scheduled-event-revised</c> and <c>scheduled-event-cancelled</c>: the id of the scheduled event.</summary>
    public string? ScheduledEventId { get; init; }
}

/// <summary>One possible author of an incident and its probability.</summary>
public sealed record AttributionShare(string Channel, double Probability);

/// <summary>Where an incident happened; <see cref="Name"/> is a free-text place name.</summary>
public sealed record GeoLocation(double Lat, double Lon, string? Name = null);

/// <summary>The event vocabulary of the contract; anything else is refused by the server.</summary>
public static class EventTypes
{
    public const string Incident = "incident";
    public const string IncidentRevised = "incident-revised";
    public const string IncidentRetracted = "incident-retracted";
    public const string CeasefireDeclared = "ceasefire-declared";
    public const string CeasefireEnded = "ceasefire-ended";
    public const string Anniversary = "anniversary";
    public const string ScheduledEvent = "scheduled-event";
    public const string ScheduledEventRevised = "scheduled-event-revised";
    public const string ScheduledEventCancelled = "scheduled-event-cancelled";

    public static IReadOnlyList<string> All { get; } =
        [Incident, IncidentRevised, IncidentRetracted, CeasefireDeclared, CeasefireEnded, Anniversary,
         ScheduledEvent, ScheduledEventRevised, ScheduledEventCancelled];

    /// <summary>The types that carry no <c>occurredAt</c>: they name a date instead.</summary>
    public static IReadOnlyList<string> Dated { get; } = [Anniversary, ScheduledEvent, ScheduledEventRevised];
}

/// <summary>The <c>200</c> answer of <c>POST /api/v1/events</c>.</summary>
/// <param name="Appended">Items stored by this call.</param>
/// <param name="Duplicates">Items whose id was already stored with the same content (no-ops).</param>
/// <param name="LastSequence">The store's sequence after the call; later reads can page from it.</param>
public sealed record AppendResult(int Appended, int Duplicates, long LastSequence);

/// <summary>The contract's JSON conventions, shared by the client and by anyone serialising <see cref="EventItem"/>s.</summary>
public static class EventJson
{
    /// <summary>camelCase, case-insensitive reads, nulls omitted when written (fields that do not apply stay off the wire).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
