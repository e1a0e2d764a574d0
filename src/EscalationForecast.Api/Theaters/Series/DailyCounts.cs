using EscalationForecast.Api.Events.Folding;
using Marten;

namespace EscalationForecast.Api.Theaters.Series;

/// <summary>
/// A theater's incidents per UTC day (how many, and the sum of their severities), for one channel or all: from the
/// projection's daily buckets for the present, or folded from the events recorded by <c>knownAt</c>.
/// </summary>
public static class DailyCounts
{
    /// <summary>The days that had incidents; null when the theater does not exist.</summary>
    public static Task<Dictionary<DateOnly, (int Count, int Severity)>?> ReadAsync(IQuerySession session, TheaterHistories histories,
        string theaterId, string? channel, DateTimeOffset? knownAt, CancellationToken ct) =>
        knownAt is { } at ? FromHistoryAsync(histories, theaterId, channel, at, ct) : FromProjectionAsync(session, theaterId, channel, ct);

    private static async Task<Dictionary<DateOnly, (int Count, int Severity)>?> FromProjectionAsync(
        IQuerySession session, string theaterId, string? channel, CancellationToken ct)
    {
        if (await session.LoadAsync<TheaterView>(theaterId, ct) is null)
        {
            return null;
        }
        var buckets = await session.Query<DailyBucket>()
            .Where(b => b.TheaterId == theaterId && (channel == null || b.Channel == channel) && b.Count > 0)
            .ToListAsync(ct);
        return Sum(buckets.Select(b => (b.Date, b.Count, b.Severity)));
    }

    private static async Task<Dictionary<DateOnly, (int Count, int Severity)>?> FromHistoryAsync(
        TheaterHistories histories, string theaterId, string? channel, DateTimeOffset knownAt, CancellationToken ct)
    {
        var history = await histories.LoadAsync(theaterId, knownAt, ct);
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
