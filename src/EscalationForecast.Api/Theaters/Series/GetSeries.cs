using EscalationForecast.Api.Http;
using EscalationForecast.Api.Models;
using EscalationForecast.Api.Theaters.Risk;
using Marten;

namespace EscalationForecast.Api.Theaters.Series;

public sealed record SeriesPoint(DateOnly Date, int Count, int Severity, double? Intensity);

public sealed record SeriesPage(string TheaterId, string? Channel, IReadOnlyList<SeriesPoint> Items, long? Next);

/// <summary>
/// <c>GET /api/v1/theaters/{id}/series</c>: one bucket per UTC day from <c>from</c> to <c>to</c> (every day,
/// zeros included), for one <c>channel</c> or all. <c>asOf</c> keeps only days that had ended by then;
/// <c>knownAt</c> rebuilds the counts from the events recorded by then.
/// </summary>
public static class GetSeries
{
    public const int MaxDays = 3_700;

    public static async Task<IResult> Handle(string theaterId, HttpContext context, IQuerySession session, ModelFits fits,
        TheaterHistories histories, RiskBoard board, TimeProvider clock, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryInstant(q["from"], "from", out var from, out var error)
            || !QueryParameters.TryInstant(q["to"], "to", out var to, out error)
            || !QueryParameters.TryInstant(q["asOf"], "asOf", out var asOf, out error)
            || !QueryParameters.TryInstant(q["knownAt"], "knownAt", out var knownAt, out error))
        {
            return Problems.BadRequest(error!);
        }
        var channel = string.IsNullOrEmpty(q["channel"]) ? null : q["channel"].ToString();

        var counts = knownAt is null
            ? await FromProjectionAsync(session, theaterId, channel, ct)
            : await FromHistoryAsync(histories, theaterId, channel, knownAt.Value, ct);
        if (counts is null)
        {
            return Problems.NoTheater(theaterId);
        }

        // A day belongs to the answer only once it has ended by asOf, as the spec's bare-date rule says.
        var lastEnded = DateOnly.FromDateTime((asOf ?? clock.GetUtcNow()).UtcDateTime).AddDays(-1);
        var first = from is { } f ? DateOnly.FromDateTime(f.UtcDateTime) : counts.Keys.DefaultIfEmpty(lastEnded).Min();
        var last = to is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : counts.Keys.DefaultIfEmpty(lastEnded).Max();
        if (last > lastEnded) last = lastEnded;
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.BadRequest($"The range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is longer than {MaxDays:N0} days; narrow 'from'/'to'.");
        }
        var days = Math.Max(0, last.DayNumber - first.DayNumber + 1);
        var now = clock.GetUtcNow();
        var intensity = channel is null
            ? await SeriesIntensity.ExpectedAsync(fits, board, theaterId, asOf ?? now, knownAt ?? now,
                asOf is null && knownAt is null, first, days, ct)
            : null; // the model's intensity is the theater's; a channel's share is not split out
        var items = new List<SeriesPoint>(days);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var (count, severity) = counts.GetValueOrDefault(day);
            items.Add(new SeriesPoint(day, count, severity, intensity?[day.DayNumber - first.DayNumber]));
        }
        return TypedResults.Ok(new SeriesPage(theaterId, channel, items, null));
    }

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
