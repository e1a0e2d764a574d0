using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Backtesting;

internal sealed record ScoreRow(double Brier, double LogScore, double Crps);
internal sealed record BacktestScores(ScoreRow Model, ScoreRow Climatology, ScoreRow Poisson7);
internal sealed record BacktestDay(bool Escalation);
internal sealed record BacktestAnswer(string TheaterId, DateOnly From, DateOnly To, int HorizonDays, int Threshold, int Refits, double Seconds,
    BacktestScores Summary, IReadOnlyList<BacktestDay> Items);

/// <summary>
/// <c>forecast backtest THEATER... [--from D] [--to D] [--horizon-days H] [--at-least K] [--without E,...] [--json] [--url U] [--api-key K]</c>:
/// runs the service's rolling-origin backtest for each theater and prints the Brier score of the model against
/// the baselines (lower is better), with the log score and CRPS, and for several theaters the scores pooled
/// over all their days; or the service's answers as JSON.
/// </summary>
internal static class BacktestCommand
{
    /// <param name="connect">Makes the client for a URL (tests hand in one bound to an in-memory server).</param>
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var theaters = new Argument<string[]>("theaters") { Description = "One or more theater ids", Arity = ArgumentArity.OneOrMore };
        var from = new Option<string?>("--from") { Description = "First forecast day (yyyy-MM-dd); default 90 days before --to" };
        var to = new Option<string?>("--to") { Description = "Last forecast day (yyyy-MM-dd); default the last day whose outcome is known" };
        var horizon = new Option<int>("--horizon-days") { Description = "Forecast horizon in days", DefaultValueFactory = _ => 1 };
        var atLeast = new Option<int?>("--at-least") { Description = "Escalation = at least K incidents over the horizon; default the theater's 90th percentile" };
        var json = new Option<bool>("--json") { Description = "Print the service's whole answer (every day's row) as JSON" };
        var without = new Option<string?>("--without") { Description = "Leave effects out of every refit: a comma list of ceasefire, anniversary", HelpName = "E,..." };
        var connection = new Connection();
        var command = new Command("backtest", "Score the model's rolling one-day-ahead forecasts for a theater against climatology and poisson7");
        command.Arguments.Add(theaters);
        foreach (var option in new Option[] { from, to, horizon, atLeast, without, json }) command.Options.Add(option);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            using var client = connection.Connect(parse, connect);
            var query = $"horizonDays={parse.GetValue(horizon)}"
                + (parse.GetValue(from) is { } f ? $"&from={f}" : "") + (parse.GetValue(to) is { } t ? $"&to={t}" : "")
                + (parse.GetValue(atLeast) is { } k ? $"&atLeast={k}" : "")
                + (parse.GetValue(without) is { } w ? $"&without={Uri.EscapeDataString(w)}" : "");
            string PathOf(string theater) => $"api/v1/theaters/{Uri.EscapeDataString(theater)}/backtest?{query}";
            try
            {
                if (parse.GetValue(json))
                {
                    var raw = new List<JsonElement>();
                    foreach (var theater in parse.GetValue(theaters)!) raw.Add(await client.GetJsonAsync<JsonElement>(PathOf(theater), ct));
                    await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(raw.Count == 1 ? (object)raw[0] : raw, new JsonSerializerOptions { WriteIndented = true }));
                    return 0;
                }
                var answers = new List<BacktestAnswer>();
                foreach (var theater in parse.GetValue(theaters)!)
                {
                    answers.Add(await terminal.Status().StartAsync($"Backtesting {theater}...", _ => client.GetJsonAsync<BacktestAnswer>(PathOf(theater), ct)));
                }
                Render(terminal, answers);
                return 0;
            }
            catch (Exception e) when (Connection.IsFailure(e))
            {
                return Connection.Failure(terminal, "The backtest could not run", e);
            }
        });
        return command;
    }

    private static void Render(IAnsiConsole terminal, IReadOnlyList<BacktestAnswer> answers)
    {
        if (Console.IsOutputRedirected && terminal.Profile.Width < 160) terminal.Profile.Width = 160; // a file or a pipe: keep the table whole
        var first = answers[0];
        terminal.MarkupLineInterpolated($"{first.From:yyyy-MM-dd}..{first.To:yyyy-MM-dd}, {first.HorizonDays}-day horizon; Brier, log score and CRPS: lower is better");
        var table = new Table().AddColumns("theater", "days", "escalation ≥", "escalations", "model Brier", "climatology", "poisson7",
            "model log", "clim. log", "p7 log", "model CRPS", "clim. CRPS", "p7 CRPS");
        foreach (var a in answers)
        {
            table.AddRow(Row(a.TheaterId, a.Items.Count, a.Threshold.ToString(), a.Items.Count(d => d.Escalation), a.Summary));
        }
        if (answers.Count > 1)
        {
            // Pooled over every day of every theater: each theater's means weighted by its number of days.
            var days = answers.Sum(a => a.Items.Count);
            ScoreRow Pool(Func<BacktestScores, ScoreRow> pick) => new(
                answers.Sum(a => pick(a.Summary).Brier * a.Items.Count) / days,
                answers.Sum(a => pick(a.Summary).LogScore * a.Items.Count) / days,
                answers.Sum(a => pick(a.Summary).Crps * a.Items.Count) / days);
            var pooled = new BacktestScores(Pool(s => s.Model), Pool(s => s.Climatology), Pool(s => s.Poisson7));
            table.AddRow(Row("[bold]pooled[/]", days, "", answers.Sum(a => a.Items.Count(d => d.Escalation)), pooled));
        }
        terminal.Write(table);
    }

    private static string[] Row(string name, int days, string threshold, int escalations, BacktestScores s) =>
    [
        name, days.ToString(), threshold, escalations.ToString(),
        Best(s.Model.Brier, s.Climatology.Brier, s.Poisson7.Brier), $"{s.Climatology.Brier:F4}", $"{s.Poisson7.Brier:F4}",
        $"{s.Model.LogScore:F4}", $"{s.Climatology.LogScore:F4}", $"{s.Poisson7.LogScore:F4}",
        $"{s.Model.Crps:F3}", $"{s.Climatology.Crps:F3}", $"{s.Poisson7.Crps:F3}",
    ];

    /// <summary>The model's score, in green when it beats both baselines.</summary>
    private static string Best(double model, double climatology, double poisson7) =>
        model < climatology && model < poisson7 ? $"[green]{model:F4}[/]" : $"{model:F4}";
}
