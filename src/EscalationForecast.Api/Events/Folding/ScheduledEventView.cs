namespace EscalationForecast.Api.Events.Folding;

/// <summary>A scheduled event as currently known: its registration with every revision folded in, and its cancellation.</summary>
public sealed record ScheduledEventView(
    string Id, string TheaterId, DateOnly Date, string Name, string Family, int DaysBefore, int DaysAfter, bool RecursYearly,
    Occurrence? AnnouncedAt, ScheduledEventCancelled? Cancelled, DateTimeOffset RecordedAt)
{
    public static ScheduledEventView Create(ScheduledEventRegistered e) => new(
        e.Id, e.TheaterId, e.Date, e.Name, e.Family, e.DaysBefore, e.DaysAfter, e.RecursYearly, e.AnnouncedAt, null, e.RecordedAt);

    public ScheduledEventView Apply(ScheduledEventRevised e) => this with
    {
        Date = e.Date ?? Date,
        Name = e.Name ?? Name,
        Family = e.Family ?? Family,
        DaysBefore = e.DaysBefore ?? DaysBefore,
        DaysAfter = e.DaysAfter ?? DaysAfter,
        RecursYearly = e.RecursYearly ?? RecursYearly,
        AnnouncedAt = e.AnnouncedAt ?? AnnouncedAt,
    };

    public ScheduledEventView Apply(ScheduledEventCancelled e) => this with { Cancelled = e };
}
