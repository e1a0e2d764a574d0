using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;
using static EscalationForecast.Cli.Reading.ReadCommand;

namespace EscalationForecast.Cli.Reading;

/// <summary>
/// <c>forecast model THEATER [--as-of T] [--known-at T] [--json]</c>: the fit, its effects (ceasefire, anniversary and each
/// scheduled family, e.g. <c>deadline</c>) and parameters with standard errors, and the day-count model's multipliers.
/// </summary>
internal static class ModelCommand
{
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var theater = Theater();
        var asOf = QueryOptions.Time("--as-of", "The fit on what had occurred by then");
        var knownAt = QueryOptions.Time("--known-at", "The fit on what had been recorded by then");
        return ReadCommand.Create("model", "Read a theater's fitted model: branching ratio, half-life, effects, parameters with SEs",
            [theater, asOf, knownAt],
            parse => QueryOptions.Path($"api/v1/theaters/{Uri.EscapeDataString(parse.GetValue(theater)!)}/model",
                ("asOf", parse.GetValue(asOf)), ("knownAt", parse.GetValue(knownAt))),
            Render, console, connect);
    }

    private static void Render(IAnsiConsole terminal, JsonElement m)
    {
        terminal.MarkupLineInterpolated($"[bold]{Text(m, "theaterId")}[/]: {Text(m, "kernel")} kernel, branching ratio {Number(m, "branchingRatio", "F3")}, half-life {Number(m, "decayHalfLifeDays", "F2")} days, {Text(m, "eventsUsed")} events through {Text(m, "dataThrough")}");
        terminal.MarkupLineInterpolated($"AIC {Number(m, "aic", "F1")} (Poisson {Number(m, "poissonAic", "F1")}), KS {Number(m, "ksStatistic", "F4")} (p {Number(m, "ksPValue", "G3")})");
        var table = new Table().AddColumns("parameter", "estimate", "standard error");
        foreach (var e in m.GetProperty("effects").EnumerateObject())
            table.AddRow($"{e.Name} ×", Number(e.Value, "multiplier", "F4"), Number(e.Value, "standardError", "F4"));
        if (m.TryGetProperty("dayCountEffects", out var daily) && daily.ValueKind == JsonValueKind.Object)
            foreach (var e in daily.EnumerateObject())
                table.AddRow($"{e.Name} × (day counts)", e.Value.GetDouble().ToString("F4", System.Globalization.CultureInfo.InvariantCulture), "");
        foreach (var p in m.GetProperty("parameters").EnumerateArray())
            table.AddRow(Markup.Escape(Text(p, "name")), Number(p, "value", "F4"), Number(p, "standardError", "F4"));
        terminal.Write(table);
    }
}
