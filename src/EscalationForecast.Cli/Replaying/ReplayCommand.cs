using System.CommandLine;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Replaying;

/// <summary>The service's answer about a projection rebuild (<c>/api/v1/admin/replay</c>).</summary>
internal sealed record ReplayStatus(string State, long Processed, long Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// <c>forecast replay [--url U]</c>: asks the service to rebuild its projections from the stored events and
/// shows the progress until it completes (exit 0) or fails (exit 1).
/// </summary>
internal static class ReplayCommand
{
    /// <param name="connect">Makes the client for a URL (tests hand in one bound to an in-memory server).</param>
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var url = new Option<string>("--url")
        {
            Description = "The server's base URL",
            DefaultValueFactory = _ => EscalationForecastClient.DefaultBaseAddress.ToString(),
        };
        var command = new Command("replay", "Rebuild the service's projections (daily series, theater list) from the events");
        command.Options.Add(url);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            using var client = (connect ?? (uri => new EscalationForecastClient(uri)))(new Uri(parse.GetValue(url)!));
            try
            {
                var status = await client.PostJsonAsync<ReplayStatus>("api/v1/admin/replay", ct);
                await terminal.Progress().AutoClear(false).StartAsync(async progress =>
                {
                    var task = progress.AddTask("Replaying events", maxValue: 1);
                    while (status.State == "running")
                    {
                        task.MaxValue = Math.Max(1, status.Total);
                        task.Value = status.Processed;
                        await Task.Delay(250, ct);
                        status = await client.GetJsonAsync<ReplayStatus>("api/v1/admin/replay", ct);
                    }
                    task.MaxValue = Math.Max(1, status.Total);
                    task.Value = status.Processed;
                });
            }
            catch (Exception e) when (e is ForecastApiException or HttpRequestException)
            {
                terminal.MarkupLineInterpolated($"[red]The replay could not run: {e.Message}[/]");
                return 1;
            }
            var final = await client.GetJsonAsync<ReplayStatus>("api/v1/admin/replay", ct);
            if (final.State != "completed")
            {
                terminal.MarkupLineInterpolated($"[red]The replay failed: {final.Error}[/]");
                return 1;
            }
            terminal.MarkupLineInterpolated($"[green]Replayed {final.Total:N0} events[/] in {(final.FinishedAt - final.StartedAt)?.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }
}
