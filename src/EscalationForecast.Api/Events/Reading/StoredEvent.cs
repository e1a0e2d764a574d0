using System.ComponentModel;
using EscalationForecast.Api.Events.Ingesting;

namespace EscalationForecast.Api.Events.Reading;

/// <summary>
/// An item of <c>GET /api/v1/events</c> as the OpenAPI document describes it: the posted fields (as
/// <see cref="PostedEvent"/>, those present) with the global <c>sequence</c> and <c>recordedAt</c>; a theater's
/// description (<c>theater-described</c>) carries <c>description</c> and <c>channels</c>.
/// </summary>
public sealed record StoredEvent(
    [property: Description("The global sequence number: pages are read after it.")] long Sequence,
    string Type, string Id, string TheaterId,
    [property: Description("When the service stored it (UTC).")] DateTimeOffset RecordedAt,
    string? OccurredAt = null, string? Channel = null, string? Category = null, string? Actor = null, string? Target = null,
    int? Severity = null, int? Fatalities = null, PostedLocation? Location = null, IReadOnlyList<PostedAttribution>? Attribution = null,
    string? ClaimedBy = null, string? DeniedBy = null, string? IncidentId = null, IReadOnlyList<string>? Parties = null,
    string? CeasefireId = null, string? Reason = null, string? Date = null, string? Name = null, int? WindowDays = null,
    string? Family = null, int? DaysBefore = null, int? DaysAfter = null, bool? RecursYearly = null, string? AnnouncedAt = null,
    string? ScheduledEventId = null, string? Description = null, IReadOnlyList<string>? Channels = null);
