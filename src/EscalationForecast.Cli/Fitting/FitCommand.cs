using System.CommandLine;

namespace EscalationForecast.Cli.Fitting;

/// <summary>`forecast fit`: fits the Hawkes engine to a CSV of events and prints the fit as JSON.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var command = new Command("fit", "Fit a Hawkes model to a CSV of events");
        command.SetAction(_ => 1);
        return command;
    }
}
