
namespace EscalationForecast.Api.Events.Folding;

/// <summary>
/// An incident as currently known: its report with every revision folded in, or retracted. With an
/// <see cref="Attribution"/> its author is uncertain and <see cref="Channel"/> is the most probable one.
/// </summary>
public sealed record IncidentView(
    string Id, string TheaterId, Occurrence OccurredAt, string Channel, int Severity,
    string? Category, string? Actor, string? Target, int? Fatalities, GeoLocation? Location,
    bool Retracted, DateTimeOffset RecordedAt, IReadOnlyList<AttributionShare>? Attribution = null,
    string? ClaimedBy = null, string? DeniedBy = null)
{
    public static IncidentView Create(IncidentReported e) => new(
        e.Id, e.TheaterId, e.OccurredAt, e.Channel, e.Severity, e.Category, e.Actor, e.Target, e.Fatalities,
        e.Location, false, e.RecordedAt, e.Attribution, e.ClaimedBy, e.DeniedBy);

    /// <summary>A new attribution replaces the old (the channel its most probable, unless named); a channel alone settles the author.</summary>
    public IncidentView Apply(IncidentRevised e) => this with
    {
        OccurredAt = e.OccurredAt,
        Channel = e.Channel ?? AttributionShare.MostProbable(e.Attribution) ?? Channel,
        Attribution = e.Attribution ?? (e.Channel is null ? Attribution : null),
        ClaimedBy = e.ClaimedBy ?? ClaimedBy,
        DeniedBy = e.DeniedBy ?? DeniedBy,
        Severity = e.Severity ?? Severity,
        Category = e.Category ?? Category,
        Actor = e.Actor ?? Actor,
        Target = e.Target ?? Target,
        Fatalities = e.Fatalities ?? Fatalities,
        Location = e.Location ?? Location,
    };

    public IncidentView Apply(IncidentRetracted e) => this with { Retracted = true };
}
