using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>
/// The covariate windows of a theater as known at <c>asOf</c>: each ceasefire from its declaration to its end
/// (one still in force at <c>asOf</c> is assumed to hold through the forecast horizon), binding the channels
/// named among its parties or, when none is a channel, the whole theater; every registered anniversary's
/// yearly windows over the data and the horizon (ramps of its window days either side); and every scheduled event
/// known by <c>asOf</c> (announced by then, or, without an announcement, once its ramp has begun) as a ramp of its
/// family around its date (every year's when it recurs), cut where a cancellation known by <c>asOf</c> called it off.
/// </summary>
public static class ContextWindows
{
    public const string Ceasefire = "ceasefire";
    public const string Anniversary = "anniversary";

    public static EffectWindow[] Of(TheaterHistory history, DateTimeOffset asOf, IReadOnlyDictionary<string, int> channels)
    {
        var horizonEnd = ModelInputs.Days(asOf) + ModelInputs.HorizonDays;
        var windows = new List<EffectWindow>();
        foreach (var ceasefire in history.Ceasefires.Where(c => c.OccurredAt.KnownBy <= asOf).OrderBy(c => c.OccurredAt.Start))
        {
            var end = history.CeasefireEnds.GetValueOrDefault(ceasefire.Id) is { } ended && ended.OccurredAt.KnownBy <= asOf
                ? ModelInputs.Days(ended.OccurredAt.Start)
                : horizonEnd;
            var bound = ceasefire.Parties.Where(channels.ContainsKey).Select(p => channels[p]).Order().ToArray();
            windows.Add(new EffectWindow(Ceasefire, ceasefire.Name ?? ceasefire.Id,
                ModelInputs.Days(ceasefire.OccurredAt.Start), end, bound.Length == 0 ? null : bound));
        }

        var firstDay = history.Incidents.Count == 0 ? ModelInputs.Days(asOf) : history.Incidents.Values.Min(i => ModelInputs.Days(i.OccurredAt.Start));
        var asOfDay = DateOnly.FromDateTime(asOf.UtcDateTime);
        foreach (var anniversary in history.Anniversaries.Where(a => a.Date <= asOfDay).OrderBy(a => a.Date).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            windows.AddRange(Covariates.Anniversary(anniversary.Name ?? anniversary.Id, anniversary.Date, anniversary.WindowDays,
                ModelInputs.Epoch, firstDay - 366, horizonEnd));
        }
        foreach (var scheduled in history.ScheduledEvents.Values.OrderBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            windows.AddRange(Scheduled(scheduled, asOf, firstDay - 366, horizonEnd));
        }
        return windows.ToArray();
    }

    /// <summary>The instant a forecast first sees a scheduled event: its announcement, else the start of its ramp.</summary>
    public static DateTimeOffset KnownFrom(ScheduledEventView e) =>
        e.AnnouncedAt?.KnownBy ?? new DateTimeOffset(e.Date.AddDays(-e.DaysBefore).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IEnumerable<EffectWindow> Scheduled(ScheduledEventView e, DateTimeOffset asOf, double from, double to)
    {
        if (KnownFrom(e) > asOf) return [];
        var windows = e.RecursYearly
            ? Covariates.Yearly(e.Family, e.Name, e.Date, e.DaysBefore, e.DaysAfter, ModelInputs.Epoch, from, to)
            : [Covariates.Ramp(e.Family, e.Name, e.Date.DayNumber - ModelInputs.Epoch.DayNumber, e.DaysBefore, e.DaysAfter)];
        var cut = e.Cancelled is { } cancelled && cancelled.OccurredAt.KnownBy <= asOf ? ModelInputs.Days(cancelled.OccurredAt.Start) : double.PositiveInfinity;
        return windows.Where(w => w.End > from && w.Start < to && w.Start < cut).Select(w => w.End <= cut ? w : w with { End = cut });
    }
}
