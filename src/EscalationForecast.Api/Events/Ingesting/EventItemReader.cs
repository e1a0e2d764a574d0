using System.Text.Json;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>Turns one posted JSON item into the event it describes, or records why it cannot be one.</summary>
internal static class EventItemReader
{
    private static readonly string[] EndReasons = ["collapsed", "expired", "superseded"];

    public static ITheaterEvent? Read(JsonElement item, int index, DateTimeOffset now, ItemErrors errors, IngestionLimits limits)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(ItemError.Of(index, null, "", "each item must be a JSON object"));
            return null;
        }
        var id = item.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        var fields = new ItemFields(item, index, id, errors, limits);
        if (id is null || id.Length is 0 or > 128)
        {
            fields.Fail("id", "is required: a string of 1 to 128 characters, the item's idempotency key");
        }
        var theaterId = fields.Name("theaterId", required: true);
        var type = item.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
        if (type is null || !EventKinds.Postable.Contains(type))
        {
            fields.Fail("type", $"is required and must be one of: {string.Join(", ", EventKinds.Postable)}");
            return null;
        }
        var e = ReadTyped(type, fields, id ?? "", theaterId ?? "", now);
        fields.RejectUnread(type);
        return fields.HasErrors ? null : e;
    }

    private static ITheaterEvent? ReadTyped(string type, ItemFields f, string id, string theater, DateTimeOffset now)
    {
        switch (type)
        {
            case EventKinds.Incident:
            {
                var occurredAt = f.OccurredAt(now);
                var (channel, severity, category, actor, target, fatalities, location) = IncidentDetails(f);
                var (attribution, claimedBy, deniedBy) = Authorship(f, channel);
                return occurredAt is { } at
                    ? new IncidentReported(id, theater, at, channel ?? AttributionShare.MostProbable(attribution) ?? "default", severity ?? 1, category, actor, target,
                        fatalities, location, now, attribution, claimedBy, deniedBy)
                    : null;
            }
            case EventKinds.IncidentRevised:
            {
                var incidentId = f.Text("incidentId", required: true, 128);
                var occurredAt = f.OccurredAt(now);
                var (channel, severity, category, actor, target, fatalities, location) = IncidentDetails(f);
                var (attribution, claimedBy, deniedBy) = Authorship(f, channel);
                return occurredAt is { } at && incidentId is not null
                    ? new IncidentRevised(id, theater, incidentId, at, channel, severity, category, actor, target, fatalities, location, now,
                        attribution, claimedBy, deniedBy)
                    : null;
            }
            case EventKinds.IncidentRetracted:
            {
                var incidentId = f.Text("incidentId", required: true, 128);
                var occurredAt = f.OccurredAt(now);
                var reason = f.Text("reason");
                return occurredAt is { } at && incidentId is not null
                    ? new IncidentRetracted(id, theater, incidentId, at, reason, now)
                    : null;
            }
            case EventKinds.CeasefireDeclared:
            {
                var occurredAt = f.OccurredAt(now);
                var name = f.Text("name");
                var parties = f.TextList("parties");
                return occurredAt is { } at ? new CeasefireDeclared(id, theater, at, name, parties, now) : null;
            }
            case EventKinds.CeasefireEnded:
            {
                var ceasefireId = f.Text("ceasefireId", required: true, 128);
                var occurredAt = f.OccurredAt(now);
                var reason = f.Text("reason", maxLength: 20);
                if (reason is not null && !EndReasons.Contains(reason))
                {
                    f.Fail("reason", $"must be one of: {string.Join(", ", EndReasons)}");
                }
                return occurredAt is { } at && ceasefireId is not null
                    ? new CeasefireEnded(id, theater, ceasefireId, at, reason, now)
                    : null;
            }
            case EventKinds.ScheduledEvent:
            {
                var (date, name, family, before, after, yearly, announced) = Schedule(f, now, required: true);
                return date is { } d && name is not null && family is not null
                    ? new ScheduledEventRegistered(id, theater, d, name, family, before ?? DefaultDaysBefore, after ?? DefaultDaysAfter,
                        yearly ?? false, announced, now)
                    : null;
            }
            case EventKinds.ScheduledEventRevised:
            {
                var scheduledId = f.Text("scheduledEventId", required: true, 128);
                var (date, name, family, before, after, yearly, announced) = Schedule(f, now, required: false);
                return scheduledId is not null
                    ? new ScheduledEventRevised(id, theater, scheduledId, date, name, family, before, after, yearly, announced, now)
                    : null;
            }
            case EventKinds.ScheduledEventCancelled:
            {
                var scheduledId = f.Text("scheduledEventId", required: true, 128);
                var occurredAt = f.OccurredAt(now);
                var reason = f.Text("reason");
                return occurredAt is { } at && scheduledId is not null
                    ? new ScheduledEventCancelled(id, theater, scheduledId, at, reason, now)
                    : null;
            }
            default:
            {
                var date = f.Date("date");
                var name = f.Text("name");
                var window = f.Integer("windowDays", 0, 60);
                return date is { } d ? new AnniversaryRegistered(id, theater, d, name, window ?? 3, now) : null;
            }
        }
    }

    /// <summary>A scheduled event's ramp when the item does not say: two weeks of rising pressure, a week of fading.</summary>
    public const int DefaultDaysBefore = 14, DefaultDaysAfter = 7;

    /// <summary>
    /// A scheduled event's fields: its date (not before <c>Ingestion:EarliestOccurredAt</c>, at most
    /// <c>Ingestion:MaxScheduledDaysAhead</c> ahead), name, family (a name, not <c>ceasefire</c>: that family is the
    /// ceasefires' windows), the ramp (0-365 days either side), whether it recurs yearly, and when it was announced.
    /// </summary>
    private static (DateOnly? Date, string? Name, string? Family, int? Before, int? After, bool? Yearly, Occurrence? Announced)
        Schedule(ItemFields f, DateTimeOffset now, bool required)
    {
        var latest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(f.Limits.MaxScheduledDaysAhead);
        var date = f.Date("date", required, latest, "Ingestion:MaxScheduledDaysAhead");
        var name = f.Text("name", required);
        var family = f.Name("family", required);
        if (family == Hawkes.Covariates.Ceasefire)
        {
            f.Fail("family", "must not be 'ceasefire', the family of the ceasefires' windows; name the kind of date (deadline, election, ...)");
        }
        var before = f.Integer("daysBefore", 0, Hawkes.Covariates.MaxRampDays);
        var after = f.Integer("daysAfter", 0, Hawkes.Covariates.MaxRampDays);
        var yearly = f.Boolean("recursYearly");
        var announced = f.OccurredAt(now, required: false, field: "announcedAt");
        return (date, name, family, before, after, yearly, announced);
    }

    /// <summary>An incident's attribution (its channel, when also given, must be one of it), claimedBy and deniedBy.</summary>
    private static (IReadOnlyList<AttributionShare>? Attribution, string? ClaimedBy, string? DeniedBy) Authorship(ItemFields f, string? channel)
    {
        var attribution = f.Attribution();
        if (attribution is { Count: > 0 } shares && channel is not null && shares.All(s => s.Channel != channel))
        {
            f.Fail("channel", $"is '{channel}', which the attribution does not list; name one of its channels or leave the channel out (the most probable is taken)");
        }
        return (attribution, f.Text("claimedBy"), f.Text("deniedBy"));
    }

    private static (string? Channel, int? Severity, string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location)
        IncidentDetails(ItemFields f) =>
        (f.Name("channel", required: false), f.Integer("severity", 1, 5), f.Text("category"), f.Text("actor"),
         f.Text("target"), f.Integer("fatalities", 0, int.MaxValue), f.Location());
}
