using System.Collections.Concurrent;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Backtest;

public sealed record BacktestDay(DateOnly Date, double Probability, double Expected, double Climatology, double Poisson7, int Observed, bool Escalation);

public sealed record BacktestScores(ScoreSummary Model, ScoreSummary Climatology, ScoreSummary Poisson7);

public sealed record BacktestDocument(
    string TheaterId, DateOnly From, DateOnly To, int HorizonDays, int Threshold, int Refits, double Seconds,
    BacktestScores Summary, IReadOnlyList<BacktestDay> Items);

/// <summary>
/// <c>GET /api/v1/theaters/{id}/backtest</c>: rolling-origin forecasts for <c>from</c>..<c>to</c> (default the
/// last 90 days), each day forecast only from the events of the days before it with a model refitted weekly
/// on those, against the baselines <c>climatology</c> and <c>poisson7</c>. The outcome is an escalation day:
/// at least <c>atLeast</c> incidents over the horizon, by default the theater's 90th percentile of the daily
/// counts of the 180 days before <c>from</c>. The model is the one the risk answers use: the day-count model for a
/// theater known to the day only, else the Hawkes process. Kept per data and question, since a backtest takes seconds.
/// <c>without</c> (a comma list of <c>ceasefire</c>, <c>anniversary</c>) leaves those effects' windows out of every
/// refit: what each is worth.
/// </summary>
public static class GetBacktest
{
    public const int MaxDays = 366;
    private static readonly ConcurrentDictionary<string, Lazy<Task<BacktestDocument>>> Kept = new();

    public static async Task<IResult> Handle(string theaterId, HttpContext context, TheaterHistories histories, TimeProvider clock, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryInstant(q["from"], "from", out var fromInstant, out var error)
            || !QueryParameters.TryInstant(q["to"], "to", out var toInstant, out error)
            || !QueryParameters.TryInt(q["horizonDays"], "horizonDays", 1, 90, 1, out var horizon, out error)
            || !QueryParameters.TryInt(q["atLeast"], "atLeast", 1, 100_000, 0, out var atLeast, out error))
        {
            return Problems.BadRequest(error!);
        }
        if (!TryEffects(q["without"], out var without, out error)) return Problems.BadRequest(error!);
        if (Csv.FormatError(context) is { } formatError) return Problems.BadRequest(formatError);
        var now = clock.GetUtcNow();
        if (await histories.LoadAsync(theaterId, now, ct) is not { } history) return Problems.NoTheater(theaterId);
        var inputs = ModelInputs.From(history, now);
        if (without.Length > 0)
        {
            inputs = inputs with { Covariates = new Covariates(Array.FindAll(inputs.Covariates.Windows, w => !without.Contains(w.Effect))) };
        }
        var lastDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-horizon);
        var to = toInstant is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : lastDay;
        var from = fromInstant is { } f ? DateOnly.FromDateTime(f.UtcDateTime) : to.AddDays(-89);
        if (to > lastDay) to = lastDay;
        if (to < from || to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return Problems.BadRequest($"'from'..'to' must be 1 to {MaxDays} days whose outcome is known by now (to ≤ {lastDay:yyyy-MM-dd}); narrow the range.");
        }
        var before = inputs.Incidents.Count(i => i.OccurredAt.Day < from);
        if (before < ModelFits.MinimumIncidents)
        {
            return Problems.NotEnoughHistory(theaterId, before, ModelFits.MinimumIncidents);
        }

        if (Kept.Count > 64) Kept.Clear();
        var key = $"{inputs.DataKey}|{from}|{to}|{horizon}|{atLeast}|{string.Join(',', without)}";
        var lazy = Kept.GetOrAdd(key, _ => new Lazy<Task<BacktestDocument>>(() => Task.Run(() => Run(inputs, from, to, horizon, atLeast))));
        var document = await lazy.Value.WaitAsync(ct);
        return Csv.Wanted(context) ? BacktestCsv.Answer(document) : TypedResults.Ok(document);
    }

    /// <summary>The effects a backtest may leave out: the families of windows the service lays out.</summary>
    public static readonly string[] Effects = [Covariates.Ceasefire, Covariates.AnniversaryEffect];

    private static bool TryEffects(string? text, out string[] effects, out string? error)
    {
        error = null;
        effects = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Order().ToArray();
        if (effects.FirstOrDefault(e => !Effects.Contains(e)) is not { } unknown) return true;
        error = $"Query parameter 'without' has '{Quoted.Prefix(unknown)}'; use a comma list of: {string.Join(", ", Effects)}.";
        return false;
    }

    private static BacktestDocument Run(ModelInputs inputs, DateOnly from, DateOnly to, int horizon, int atLeast)
    {
        static double Day(DateOnly d) => ModelInputs.Days(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var result = RollingBacktest.Run(inputs.History, inputs.Covariates, new BacktestOptions(Day(from), Day(to))
        {
            HorizonDays = horizon,
            AtLeast = atLeast > 0 ? atLeast : null,
        });
        var items = result.Rows.Select(r => new BacktestDay(
            DateOnly.FromDateTime(ModelInputs.Instant(r.Day).UtcDateTime), Round(r.ModelProbability), Round(r.ModelExpected),
            Round(r.ClimatologyProbability), Round(r.Poisson7Probability), r.Observed, r.Escalation)).ToArray();
        return new BacktestDocument(inputs.TheaterId, from, to, horizon, result.Threshold, result.Refits, Math.Round(result.Seconds, 3),
            new BacktestScores(result.Model, result.Climatology, result.Poisson7), items);
    }

    private static double Round(double x) => Math.Round(x, 6);
}
