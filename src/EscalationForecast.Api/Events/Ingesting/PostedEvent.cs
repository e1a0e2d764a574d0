using System.ComponentModel;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// An item of <c>POST /api/v1/events</c> as the OpenAPI document describes it (the intake reads the JSON itself, with
/// <see cref="EventItemReader"/>, so that every item's errors are reported together). Which fields apply depends on
/// <c>type</c>; unknown fields are refused.
/// </summary>
public sealed record PostedEvent(
    [property: Description("The client's idempotency key, 1-128 characters: re-sending it with the same content is a no-op.")] string Id,
    [property: Description("incident, incident-revised, incident-retracted, ceasefire-declared, ceasefire-ended, anniversary, scheduled-event")] string Type,
    [property: Description("1-64 characters of a-z 0-9 - _.")] string TheaterId,
    [property: Description("A date (day precision) or a date-time with an offset; not more than 1 day ahead. All but anniversary and scheduled-event.")] string? OccurredAt = null,
    [property: Description("Incident: the channel (dimension of the model); default `default`.")] string? Channel = null,
    string? Category = null, string? Actor = null, string? Target = null,
    [property: Description("Incident: 1-5, default 1.")] int? Severity = null,
    [property: Description("Incident: 0 or more.")] int? Fatalities = null,
    PostedLocation? Location = null,
    [property: Description("Incident: the uncertain author, probabilities summing to 1.")] IReadOnlyList<PostedAttribution>? Attribution = null,
    string? ClaimedBy = null, string? DeniedBy = null,
    [property: Description("incident-revised, incident-retracted: the `id` of the incident.")] string? IncidentId = null,
    [property: Description("ceasefire-declared: the channels (or actors) it binds; empty binds the whole theater.")] IReadOnlyList<string>? Parties = null,
    [property: Description("ceasefire-ended: the `id` of the declaration.")] string? CeasefireId = null,
    [property: Description("ceasefire-ended: collapsed, expired or superseded.")] string? Reason = null,
    [property: Description("anniversary, scheduled-event: the date (yyyy-MM-dd).")] string? Date = null,
    string? Name = null,
    [property: Description("anniversary: days either side, default 3.")] int? WindowDays = null,
    string? Family = null, int? DaysBefore = null, int? DaysAfter = null, bool? RecursYearly = null);

public sealed record PostedLocation(
    [property: Description("-90 to 90")] double Lat,
    [property: Description("-180 to 180")] double Lon,
    string? Name = null);

public sealed record PostedAttribution(string Channel, double Probability);
