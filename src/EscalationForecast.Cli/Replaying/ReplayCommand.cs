using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Replaying;

/// <summary>The service's answer about a projection rebuild (<c>/api/v1/admin/replay</c>).</summary>
internal sealed record ReplayStatus(string State, long Processed, long Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// <c>forecast replay [--url U] [--api-key K] [--json]</c>: asks the service to rebuild its projections from the stored
/// events and shows the progress (or, with --json, prints the final status) until it completes (exit 0) or fails (exit 1).
/// </summary>
internal static class ReplayCommand
{
    /// <param name="connect">Makes the client for a URL (tests hand in one bound to an in-memory server).</param>
    public static Command Create(IAnsiConsole? console = null, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var connection = new Connection();
        var json = new Option<bool>("--json") { Description = "Print the final status as JSON instead of a progress bar" };
        var command = new Command("replay", "Rebuild the service's projections (daily series, theater list) from the events");
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            using var client = connection.Connect(parse, connect);
            try
            {
                var status = await client.PostJsonAsync<ReplayStatus>("api/v1/admin/replay", ct);
                if (parse.GetValue(json))
                {
                    while (status.State == "running")
                    {
                        await Task.Delay(250, ct);
                        status = await client.GetJsonAsync<ReplayStatus>("api/v1/admin/replay", ct);
                    }
                    await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(status, JsonSerializerOptions.Web));
                    return status.State == "completed" ? ExitCodes.Ok : ExitCodes.Failed;
                }
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
            catch (Exception e) when (Connection.IsFailure(e))
            {
                return Connection.Failure(terminal, "The replay could not run", e);
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
