using System.CommandLine;
using EscalationForecast.Cli.Fitting;
using EscalationForecast.Cli.Importing;

var root = new RootCommand("forecast: the EscalationForecast command-line tool");
root.Subcommands.Add(FitCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
return await root.Parse(args).InvokeAsync();
