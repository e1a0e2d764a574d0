using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Backtesting;

internal sealed record ScoreRow(double Brier, double LogScore, double Crps);
internal sealed record BacktestScores(ScoreRow Model, ScoreRow Climatology, ScoreRow Poisson7);
internal sealed record BacktestAnswer(string TheaterId, DateOnly From, DateOnly To, int HorizonDays, int Threshold, int Refits, double Seconds, BacktestScores Summary);

/// <summary>
/// <c>forecast backtest THEATER [--from D] [--to D] [--horizon-days H] [--at-least K] [--json] [--url U]</c>:
/// runs the service's rolling-origin backtest for a theater and prints the scores of the model against the
/// baselines (lower is better for all three), or the whole answer as JSON.
/// </summary>
internal static class BacktestCommand
{
    /// <param name="connect">Makes the client for a URL (tests hand in one bound to an in-memory server).</param>
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var theater = new Argument<string>("theater") { Description = "The theater id" };
        var from = new Option<string?>("--from") { Description = "First forecast day (yyyy-MM-dd); default 90 days before --to" };
        var to = new Option<string?>("--to") { Description = "Last forecast day (yyyy-MM-dd); default the last day whose outcome is known" };
        var horizon = new Option<int>("--horizon-days") { Description = "Forecast horizon in days", DefaultValueFactory = _ => 1 };
        var atLeast = new Option<int?>("--at-least") { Description = "Escalation = at least K incidents over the horizon; default the theater's 90th percentile" };
        var json = new Option<bool>("--json") { Description = "Print the service's whole answer (every day's row) as JSON" };
        var url = new Option<string>("--url") { Description = "The server's base URL", DefaultValueFactory = _ => EscalationForecastClient.DefaultBaseAddress.ToString() };
        var command = new Command("backtest", "Score the model's rolling one-day-ahead forecasts for a theater against climatology and poisson7");
        command.Arguments.Add(theater);
        foreach (var option in new Option[] { from, to, horizon, atLeast, json, url }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            using var client = (connect ?? (uri => new EscalationForecastClient(uri)))(new Uri(parse.GetValue(url)!));
            var query = $"horizonDays={parse.GetValue(horizon)}"
                + (parse.GetValue(from) is { } f ? $"&from={f}" : "") + (parse.GetValue(to) is { } t ? $"&to={t}" : "")
                + (parse.GetValue(atLeast) is { } k ? $"&atLeast={k}" : "");
            var path = $"api/v1/theaters/{Uri.EscapeDataString(parse.GetValue(theater)!)}/backtest?{query}";
            try
            {
                if (parse.GetValue(json))
                {
                    var raw = await client.GetJsonAsync<JsonElement>(path, ct);
                    terminal.WriteLine(JsonSerializer.Serialize(raw, new JsonSerializerOptions { WriteIndented = true }));
                    return 0;
                }
                var answer = await terminal.Status().StartAsync("Backtesting...", _ => client.GetJsonAsync<BacktestAnswer>(path, ct));
                Render(terminal, answer);
                return 0;
            }
            catch (Exception e) when (e is ForecastApiException or HttpRequestException)
            {
                terminal.MarkupLineInterpolated($"[red]The backtest could not run: {e.Message}[/]");
                return 1;
            }
        });
        return command;
    }

    private static void Render(IAnsiConsole terminal, BacktestAnswer a)
    {
        terminal.MarkupLineInterpolated($"[bold]{a.TheaterId}[/] {a.From:yyyy-MM-dd}..{a.To:yyyy-MM-dd}, {a.HorizonDays}-day horizon, escalation = at least {a.Threshold} incidents; {a.Refits} refits in {a.Seconds:F1} s");
        var table = new Table().AddColumns("forecaster", "Brier", "log score", "CRPS");
        foreach (var (name, row) in new[] { ("model", a.Summary.Model), ("climatology", a.Summary.Climatology), ("poisson7", a.Summary.Poisson7) })
        {
            table.AddRow(name, $"{row.Brier:F4}", $"{row.LogScore:F4}", $"{row.Crps:F3}");
        }
        terminal.Write(table);
    }
}
