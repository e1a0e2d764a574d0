using System.ComponentModel;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// An item of <c>POST /api/v1/events</c> as the OpenAPI document describes it (the intake reads the JSON itself, with
/// <see cref="EventItemReader"/>, so that every item's errors are reported together). Which fields apply depends on
/// <c>type</c>; unknown fields are refused.
/// </summary>
public sealed record PostedEvent(
    [property: Description("The client's idempotency key, 1-128 characters: re-sending it with the same content is a no-op.")] string Id,
    [property: Description("incident, incident-revised, incident-retracted, ceasefire-declared, ceasefire-ended, anniversary, scheduled-event, scheduled-event-revised, scheduled-event-cancelled")] string Type,
    [property: Description("1-64 characters of a-z 0-9 - _.")] string TheaterId,
    [property: Description("A date (day precision) or a date-time with an offset; not more than 1 day ahead. All but anniversary, scheduled-event and scheduled-event-revised (for scheduled-event-cancelled: when it was called off).")] string? OccurredAt = null,
    [property: Description("Incident: the channel (dimension of the model); default `default`, or with an attribution its most probable channel.")] string? Channel = null,
    string? Category = null, string? Actor = null, string? Target = null,
    [property: Description("Incident: 1-5, default 1.")] int? Severity = null,
    [property: Description("Incident: 0 or more.")] int? Fatalities = null,
    PostedLocation? Location = null,
    [property: Description("incident, incident-revised: the uncertain author, 1 to Ingestion:MaxChannelsPerTheater channels (existing or new) each named once, probabilities in (0, 1] summing to 1 (within 1e-6). The fit counts the incident as that share of an event in each channel.")] IReadOnlyList<PostedAttribution>? Attribution = null,
    [property: Description("incident, incident-revised: who claimed it (kept for analysts).")] string? ClaimedBy = null,
    [property: Description("incident, incident-revised: who denied it (kept for analysts).")] string? DeniedBy = null,
    [property: Description("incident-revised, incident-retracted: the `id` of the incident.")] string? IncidentId = null,
    [property: Description("ceasefire-declared: the channels (or actors) it binds; empty binds the whole theater.")] IReadOnlyList<string>? Parties = null,
    [property: Description("ceasefire-ended: the `id` of the declaration.")] string? CeasefireId = null,
    [property: Description("ceasefire-ended: collapsed, expired or superseded.")] string? Reason = null,
    [property: Description("anniversary, scheduled-event (required), scheduled-event-revised: the date (yyyy-MM-dd); a scheduled date at most Ingestion:MaxScheduledDaysAhead (3,660) days ahead.")] string? Date = null,
    [property: Description("The name shown in the drivers; required for a scheduled-event.")] string? Name = null,
    [property: Description("anniversary: days either side, 0-60, default 3.")] int? WindowDays = null,
    [property: Description("scheduled-event (required), scheduled-event-revised: the kind of date (deadline, election, ...), a name of a-z 0-9 - _ other than ceasefire; one multiplier is fitted per family, at most Ingestion:MaxEffectFamiliesPerTheater (8) per theater.")] string? Family = null,
    [property: Description("scheduled-event: days over which the pressure ramps up to the date, 0-365, default 14.")] int? DaysBefore = null,
    [property: Description("scheduled-event: days over which it fades after the date, 0-365, default 7.")] int? DaysAfter = null,
    [property: Description("scheduled-event: the date recurs every year; default false.")] bool? RecursYearly = null,
    [property: Description("scheduled-event: when the date became known (date or date-time, not in the future); a forecast as of an earlier time does not see it. Default: the start of its ramp.")] string? AnnouncedAt = null,
    [property: Description("scheduled-event-revised, scheduled-event-cancelled: the `id` of the scheduled event.")] string? ScheduledEventId = null);

public sealed record PostedLocation(
    [property: Description("-90 to 90")] double Lat,
    [property: Description("-180 to 180")] double Lon,
    string? Name = null);

public sealed record PostedAttribution(
    [property: Description("A channel of the theater, or a new one (a-z 0-9 - _, 1-64).")] string Channel,
    [property: Description("Greater than 0, at most 1.")] double Probability);
