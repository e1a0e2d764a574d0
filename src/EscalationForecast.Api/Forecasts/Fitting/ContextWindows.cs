using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>
/// The covariate windows of a theater as known at <c>asOf</c>: each ceasefire from its declaration to its end
/// (one still in force at <c>asOf</c> is assumed to hold through the forecast horizon), binding the channels
/// named among its parties or, when none is a channel, the whole theater; and every registered anniversary's
/// yearly windows over the data and the horizon.
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
        return windows.ToArray();
    }
}
