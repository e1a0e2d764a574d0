namespace EscalationForecast.Api.Events;

/// <summary>The spec's event type names, which are also the type names the events are stored under.</summary>
public static class EventKinds
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
    public const string TheaterDescribed = "theater-described";

    /// <summary>The types a client may post.</summary>
    public static readonly IReadOnlyList<string> Postable =
        [Incident, IncidentRevised, IncidentRetracted, CeasefireDeclared, CeasefireEnded, Anniversary,
         ScheduledEvent, ScheduledEventRevised, ScheduledEventCancelled];

    public static string Of(ITheaterEvent e) => e switch
    {
        Events.IncidentReported => Incident,
        Events.IncidentRevised => IncidentRevised,
        Events.IncidentRetracted => IncidentRetracted,
        Events.CeasefireDeclared => CeasefireDeclared,
        Events.CeasefireEnded => CeasefireEnded,
        AnniversaryRegistered => Anniversary,
        ScheduledEventRegistered => ScheduledEvent,
        Events.ScheduledEventRevised => ScheduledEventRevised,
        Events.ScheduledEventCancelled => ScheduledEventCancelled,
        Events.TheaterDescribed => TheaterDescribed,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a theater event."),
    };
}
