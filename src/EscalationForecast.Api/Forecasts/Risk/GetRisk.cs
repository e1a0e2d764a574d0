using System.Globalization;
using System.Text.Json;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Theaters;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Forecasts.Risk;

/// <summary>
/// <c>GET /api/v1/theaters/{id}/risk</c>: "now" from the live board (ETag, <c>304</c> on <c>If-None-Match</c>,
/// cacheable for one poll interval); with <c>asOf</c> or <c>knownAt</c>, from the events that had occurred by
/// <c>asOf</c> and were recorded by <c>knownAt</c> with a model fitted on exactly those (recorded fit reused,
/// or fitted now and kept). An answer wholly in the past never changes and is cacheable for a day.
/// </summary>
public static class GetRisk
{
    /// <remarks>The live path touches only the board: the services of time travel are resolved when it is asked for.</remarks>
    public static async Task<IResult> Handle(string theaterId, HttpContext context, RiskBoard board, CancellationToken ct)
    {
        var q = context.Request.Query;
        if (!QueryParameters.TryInt(q["horizonDays"], "horizonDays", 1, 90, 7, out var horizon, out var error)
            || !TryAtLeast(q["atLeast"], out var atLeast, out error)
            || !QueryParameters.TryInstant(q["asOf"], "asOf", out var asOf, out error)
            || !QueryParameters.TryInstant(q["knownAt"], "knownAt", out var knownAt, out error))
        {
            return Problems.BadRequest(error!);
        }

        if (asOf is null && knownAt is null)
        {
            var live = await board.GetAsync(theaterId, horizon, atLeast, ct);
            return live is null
                ? await NoAnswerAsync(context.RequestServices.GetRequiredService<TheaterHistories>(), theaterId, ct)
                : ETags.Answer(context, live.Json, live.ETag, $"public, max-age={(int)Math.Ceiling(board.PollInterval.TotalSeconds)}");
        }
        return await AsOfAsync(theaterId, context, horizon, atLeast, asOf, knownAt, ct);
    }

    private static async Task<IResult> AsOfAsync(string theaterId, HttpContext context, int horizon, int[] atLeast,
        DateTimeOffset? asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var data = await services.GetRequiredService<ModelFits>().OnDataAsync(theaterId, asOf ?? now, knownAt ?? now, ct);
        if (data.NoTheater) return Problems.NoTheater(theaterId);
        if (data is not { Inputs: { } inputs, Fit: { } fit }) return NotEnoughHistory(theaterId, data.Incidents);
        var document = RiskCalculator.Compute(inputs, fit, knownAt ?? now, horizon, atLeast);
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, json);
        var settled = asOf <= now && knownAt <= now;
        return ETags.Answer(context, bytes, ETags.Of(bytes), settled ? "public, max-age=86400, immutable" : "no-cache");
    }

    private static async Task<IResult> NoAnswerAsync(TheaterHistories histories, string theaterId, CancellationToken ct)
    {
        var history = await histories.LoadAsync(theaterId, DateTimeOffset.MaxValue, ct);
        return history is null
            ? Problems.NoTheater(theaterId)
            : NotEnoughHistory(theaterId, history.Incidents.Values.Count(i => !i.Retracted));
    }

    private static IResult NotEnoughHistory(string theaterId, int incidents) =>
        Problems.NotEnoughHistory(theaterId, incidents, ModelFits.MinimumIncidents);

    /// <summary><c>atLeast</c>: a comma list of distinct k from 1 to 100,000, at most 20 of them; default <c>1</c>.</summary>
    public static bool TryAtLeast(string? text, out int[] values, out string? error)
    {
        error = null;
        values = [1];
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 1 || k > 100_000)
            {
                error = $"Query parameter 'atLeast' has '{part}': use a comma list of whole numbers from 1 to 100000 (e.g. atLeast=1,5,10).";
                return false;
            }
            parsed.Add(k);
        }
        values = parsed.Distinct().Order().ToArray();
        if (values.Length > 20) { error = "Query parameter 'atLeast' lists more than 20 values; ask for at most 20."; return false; }
        return true;
    }
}
