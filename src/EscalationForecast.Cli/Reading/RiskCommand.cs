using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;
using static EscalationForecast.Cli.Reading.ReadCommand;

namespace EscalationForecast.Cli.Reading;

/// <summary>
/// <c>forecast risk THEATER [--as-of T] [--known-at T] [--horizon N] [--at-least K,...] [--json]</c>: the risk
/// document (<c>GET /api/v1/theaters/{id}/risk</c>) and its drivers.
/// </summary>
internal static class RiskCommand
{
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var theater = Theater();
        var asOf = QueryOptions.Time("--as-of", "Forecast from what had occurred by then");
        var knownAt = QueryOptions.Time("--known-at", "With what had been recorded by then");
        var horizon = QueryOptions.Range("--horizon", "Horizon in days; default 7", 1, 90);
        var atLeast = new Option<string?>("--at-least") { Description = "Comma list of k for P(N ≥ k); default 1", HelpName = "K,..." };
        return ReadCommand.Create("risk", "Read a theater's risk: P(at least k incidents), expected count, score, drivers",
            [theater, asOf, knownAt, horizon, atLeast],
            parse => QueryOptions.Path($"api/v1/theaters/{Uri.EscapeDataString(parse.GetValue(theater)!)}/risk",
                ("horizonDays", parse.GetValue(horizon)), ("asOf", parse.GetValue(asOf)), ("knownAt", parse.GetValue(knownAt)),
                ("atLeast", parse.GetValue(atLeast))),
            Render, console, connect);
    }

    private static void Render(IAnsiConsole terminal, JsonElement risk)
    {
        terminal.MarkupLineInterpolated($"[bold]{Text(risk, "theaterId")}[/] as of {Text(risk, "asOf")}, known at {Text(risk, "knownAt")}, {Text(risk, "horizonDays")}-day horizon");
        terminal.MarkupLineInterpolated($"risk [bold]{Text(risk, "riskLevel")}[/] (score {Text(risk, "score")}), P(≥1) {Number(risk, "probabilityAtLeastOne", "F3")}, expected {Number(risk, "expectedEvents", "F2")} incidents, intensity {Number(risk, "intensityPerDay", "F4")}/day over a baseline of {Number(risk, "baselinePerDay", "F4")}");
        foreach (var k in risk.GetProperty("probabilityAtLeast").EnumerateObject())
            terminal.MarkupLineInterpolated($"  P(N ≥ {k.Name}) = {k.Value.GetDouble():F3}");
        var drivers = new Table().AddColumns("driver", "what", "when", "contribution/day", "multiplier", "on the day");
        foreach (var d in risk.GetProperty("drivers").EnumerateArray())
            drivers.AddRow(Markup.Escape(Text(d, "family") is { Length: > 0 } family && Text(d, "kind") != family ? $"{Text(d, "kind")} ({family})" : Text(d, "kind")),
                Markup.Escape(Text(d, "eventId") + Text(d, "name") + Authors(d)), Markup.Escape(When(d)),
                Number(d, "contributionPerDay", "F4"), Number(d, "multiplier", "F3"),
                Number(d, "peakMultiplier", "F3") + (Number(d, "standardError", "F3") is { Length: > 0 } se ? $" ± {se}" : ""));
        terminal.Write(drivers);
    }

    /// <summary>"2021-01-15, in 9 days" for a dated effect; an incident's or a window's time otherwise.</summary>
    private static string When(JsonElement d) =>
        d.TryGetProperty("daysUntil", out var until) && until.ValueKind == JsonValueKind.Number
            ? $"{Text(d, "date")}, " + (until.GetInt32() switch { > 0 and var n => $"in {n} days", 0 => "today", var n => $"{-n} days ago" })
            : Text(d, "occurredAt") + Text(d, "from");

    /// <summary>" (militia 70%, unknown 30%)" for an incident of uncertain author, whose contribution is the expected one.</summary>
    private static string Authors(JsonElement d) =>
        d.TryGetProperty("attribution", out var shares) && shares.ValueKind == JsonValueKind.Array
            ? " (" + string.Join(", ", shares.EnumerateArray().Select(s => $"{s.GetProperty("channel").GetString()} {(100 * s.GetProperty("probability").GetDouble()).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)}%")) + ")"
            : "";
}
