using System.CommandLine;
using EscalationForecast.Cli.Backtesting;
using EscalationForecast.Cli.Fitting;
using EscalationForecast.Cli.Importing;
using EscalationForecast.Cli.Reading;
using EscalationForecast.Cli.Replaying;
using Spectre.Console;

namespace EscalationForecast.Cli;

/// <summary>
/// <c>forecast</c>'s verbs, and how a command line runs: one that does not parse (an unknown verb or option, a value out
/// of range, a missing argument) is a usage error, exit 2, with the parser's messages on standard error and nothing sent.
/// </summary>
internal static class CliRoot
{
    /// <param name="console">Where the verbs write for a person (tests hand in a recording one); JSON goes to the invocation's output.</param>
    public static RootCommand Create(IAnsiConsole? console = null)
    {
        var root = new RootCommand("forecast: the EscalationForecast command-line tool");
        root.Subcommands.Add(TheatersCommand.Create(console));
        root.Subcommands.Add(RiskCommand.Create(console));
        root.Subcommands.Add(SeriesCommand.Create(console));
        root.Subcommands.Add(ModelCommand.Create(console));
        root.Subcommands.Add(BacktestCommand.Create(console));
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(Command root, string[] args, InvocationConfiguration? configuration = null,
        CancellationToken ct = default)
    {
        configuration ??= new InvocationConfiguration();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await configuration.Error.WriteLineAsync(error.Message);
            await configuration.Error.WriteLineAsync($"See '{root.Name} --help'.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(configuration, ct);
    }
}
