using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Client.Http;
using Spectre.Console;
using static EscalationForecast.Cli.Reading.ReadCommand;

namespace EscalationForecast.Cli.Reading;

/// <summary><c>forecast theaters [--json]</c>: every theater with its counts and current 7-day risk (<c>GET /api/v1/theaters</c>).</summary>
internal static class TheatersCommand
{
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null) =>
        ReadCommand.Create("theaters", "List the theaters with their counts and current 7-day risk", [],
            _ => "api/v1/theaters", Render, console, connect);

    private static void Render(IAnsiConsole terminal, JsonElement list)
    {
        var table = new Table().AddColumns("id", "name", "incidents", "last incident", "risk", "score", "P(≥1 in 7 d)", "expected");
        foreach (var t in list.GetProperty("items").EnumerateArray())
        {
            table.AddRow(Markup.Escape(Text(t, "id")), Markup.Escape(Text(t, "name")), Text(t, "incidentCount"),
                Text(t, "lastIncidentAt").Split('T')[0], Text(t, "riskLevel"), Text(t, "score"),
                Number(t, "probabilityAtLeastOne", "F3"), Number(t, "expectedEvents", "F2"));
        }
        terminal.Write(table);
    }
}
