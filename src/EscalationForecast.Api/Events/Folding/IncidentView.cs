
namespace EscalationForecast.Api.Events.Folding;

/// <summary>An incident as currently known: its report with every revision folded in, or retracted.</summary>
public sealed record IncidentView(
    string Id, string TheaterId, Occurrence OccurredAt, string Channel, int Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    bool Retracted, DateTimeOffset RecordedAt)
{
    public static IncidentView Create(IncidentReported e) => new(
        e.Id, e.TheaterId, e.OccurredAt, e.Channel, e.Severity, e.Category, e.Actor, e.Target, e.Fatalities,
        e.Location, false, e.RecordedAt);

    public IncidentView Apply(IncidentRevised e) => this with
    {
        OccurredAt = e.OccurredAt,
        Channel = e.Channel ?? Channel,
        Severity = e.Severity ?? Severity,
        Category = e.Category ?? Category,
        Actor = e.Actor ?? Actor,
        Target = e.Target ?? Target,
        Fatalities = e.Fatalities ?? Fatalities,
        Location = e.Location ?? Location,
    };

    public IncidentView Apply(IncidentRetracted e) => this with { Retracted = true };
}
