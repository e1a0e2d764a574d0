using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Api.Theaters.Series;

namespace EscalationForecast.Api.Forecasts.Series;

public sealed record SeriesPoint(DateOnly Date, int Count, int Severity, double? Intensity);

/// <summary>The series of a theater, answered whole for the days asked (<c>next</c> is always null).</summary>
public sealed record SeriesPage(string TheaterId, string? Channel, IReadOnlyList<SeriesPoint> Items)
{
    public long? Next => null;
}

/// <summary>
/// <c>GET /api/v1/theaters/{id}/series</c>: one bucket per UTC day from <c>from</c> to <c>to</c> (every day,
/// zeros included), for one <c>channel</c> or all, with the model's expected count beside each day's count.
/// <c>asOf</c> keeps only days that had ended by then; <c>knownAt</c> counts only the events recorded by then.
/// </summary>
public static class GetSeries
{
    public const int MaxDays = 3_700;

    public static async Task<IResult> Handle(string theaterId, HttpContext context, ModelFits fits,
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
        if (Csv.FormatError(context) is { } formatError) return Problems.BadRequest(formatError);
        if (!QueryParameters.TryName(q["channel"], "channel", out var channel, out error))
        {
            return Problems.BadRequest(error!);
        }
        if (await DailyCounts.ReadAsync(histories, theaterId, channel, knownAt, ct) is not { } counts)
        {
            return Problems.NoTheater(theaterId);
        }

        // A day belongs to the answer only once it has ended by asOf, as the spec's bare-date rule says.
        var now = clock.GetUtcNow();
        var lastEnded = DateOnly.FromDateTime((asOf ?? now).UtcDateTime).AddDays(-1);
        var first = from is { } f ? DateOnly.FromDateTime(f.UtcDateTime) : counts.Keys.DefaultIfEmpty(lastEnded).Min();
        var last = to is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : counts.Keys.DefaultIfEmpty(lastEnded).Max();
        if (last > lastEnded) last = lastEnded;
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.BadRequest($"The range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is longer than {MaxDays:N0} days; narrow 'from'/'to'.");
        }
        var days = Math.Max(0, last.DayNumber - first.DayNumber + 1);
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
        var page = new SeriesPage(theaterId, channel, items);
        return Csv.Wanted(context) ? SeriesCsv.Answer(page) : TypedResults.Ok(page);
    }
}
