using System.CommandLine;
using EscalationForecast.Cli.Fitting;

var root = new RootCommand("forecast: the EscalationForecast command-line tool");
root.Subcommands.Add(FitCommand.Create());
return await root.Parse(args).InvokeAsync();
