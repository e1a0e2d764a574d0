using EscalationForecast.Api.Events.Folding;

namespace EscalationForecast.Api.Theaters.Series;

/// <summary>
/// A theater's incidents per UTC day (how many, and the sum of their severities), for one channel or all, folded from
/// this node's in-memory history of the events recorded by <c>knownAt</c> (by default all): a batch this node has
/// answered is in it at once, so a client reads its own writes without waiting for the projection.
/// </summary>
public static class DailyCounts
{
    /// <summary>The days that had incidents; null when the theater does not exist.</summary>
    public static async Task<Dictionary<DateOnly, (int Count, int Severity)>?> ReadAsync(
        TheaterHistories histories, string theaterId, string? channel, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var history = await histories.LoadAsync(theaterId, knownAt ?? DateTimeOffset.MaxValue, ct);
        return history is null
            ? null
            : Sum(history.Incidents.Values
                .Where(i => !i.Retracted && (channel is null || i.Channel == channel))
                .Select(i => (i.OccurredAt.Day, 1, i.Severity)));
    }

    private static Dictionary<DateOnly, (int Count, int Severity)> Sum(IEnumerable<(DateOnly Day, int Count, int Severity)> rows)
    {
        var sums = new Dictionary<DateOnly, (int Count, int Severity)>();
        foreach (var (day, count, severity) in rows)
        {
            var (c, s) = sums.GetValueOrDefault(day);
            sums[day] = (c + count, s + severity);
        }
        return sums;
    }
}
