using System.CommandLine;
using EscalationForecast.Cli.Backtesting;
using EscalationForecast.Cli.Fitting;
using EscalationForecast.Cli.Importing;
using EscalationForecast.Cli.Replaying;

var root = new RootCommand("forecast: the EscalationForecast command-line tool");
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(FitCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
return await root.Parse(args).InvokeAsync();
