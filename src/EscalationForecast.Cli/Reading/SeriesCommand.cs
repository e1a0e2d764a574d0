using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;
using static EscalationForecast.Cli.Reading.ReadCommand;

namespace EscalationForecast.Cli.Reading;

/// <summary><c>forecast series THEATER [--from D] [--to D] [--channel C] [--as-of T] [--known-at T] [--json]</c>: daily counts with the model's expected count.</summary>
internal static class SeriesCommand
{
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var theater = Theater();
        var from = QueryOptions.Time("--from", "First day");
        var to = QueryOptions.Time("--to", "Last day");
        var channel = new Option<string?>("--channel") { Description = "One channel's counts (no intensity then)" };
        var asOf = QueryOptions.Time("--as-of", "Only days that had ended by then");
        var knownAt = QueryOptions.Time("--known-at", "Counts from what had been recorded by then");
        return ReadCommand.Create("series", "Read a theater's daily counts and the fitted intensity",
            [theater, from, to, channel, asOf, knownAt],
            parse => QueryOptions.Path($"api/v1/theaters/{Uri.EscapeDataString(parse.GetValue(theater)!)}/series",
                ("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("channel", parse.GetValue(channel)),
                ("asOf", parse.GetValue(asOf)), ("knownAt", parse.GetValue(knownAt))),
            Render, console, connect);
    }

    private static void Render(IAnsiConsole terminal, JsonElement page)
    {
        var table = new Table().AddColumns("date", "count", "severity", "expected");
        foreach (var p in page.GetProperty("items").EnumerateArray())
            table.AddRow(Text(p, "date"), Text(p, "count"), Text(p, "severity"), Number(p, "intensity", "F3"));
        terminal.Write(table);
    }
}
