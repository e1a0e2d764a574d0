using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Cli.Fitting;

/// <summary>
/// <c>forecast fit FILE.csv [--context CONTEXT.csv] [--json] [--kernel K] [--marks COLUMN]</c>: fits the Hawkes
/// engine to a CSV of events (see <see cref="EventCsv"/>) with the covariates of a context file (see
/// <see cref="ContextCsv"/>) and prints the fit, as JSON with --json. Exit codes: 0 fitted, 1 bad input.
/// </summary>
internal static class FitCommand
{
    public const int Fitted = 0, Failed = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create(TextWriter? output = null)
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV of events: occurredAt or date column, optional channel" };
        file.AcceptExistingOnly();
        var json = new Option<bool>("--json") { Description = "Print the fit as JSON" };
        var context = new Option<FileInfo>("--context", "-c") { Description = "CSV of ceasefires and anniversaries (date,kind,name,...)", HelpName = "CONTEXT.csv" };
        context.AcceptExistingOnly();
        var kernel = new Option<KernelChoice>("--kernel") { Description = "Auto (by AIC), Exponential or SumOfExponentials", DefaultValueFactory = _ => KernelChoice.Auto };
        var window = new Option<int>("--anniversary-window") { Description = "Days either side of an anniversary", DefaultValueFactory = _ => 1 };

        var command = new Command("fit", "Fit a Hawkes model to a CSV of events and print the fit (exit 0 fitted, 1 bad input)");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { json, context, kernel, window }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var writer = output ?? Console.Out;
            try
            {
                using var events = File.OpenText(parse.GetValue(file)!.FullName);
                var loaded = EventCsv.Read(events);
                var history = loaded.History;
                double end = Math.Floor(history.Times[^1]) + 1;
                var covariates = Covariates.None;
                if (parse.GetValue(context) is { } contextFile)
                {
                    using var reader = File.OpenText(contextFile.FullName);
                    covariates = ContextCsv.Read(reader, loaded.Epoch, 0, end, parse.GetValue(window));
                }
                var fit = HawkesFitter.Fit(history, covariates, new FitOptions { Kernel = parse.GetValue(kernel) });
                var report = FitReport.From(fit, loaded.Epoch);
                writer.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, Json) : report.Summary());
                return Fitted;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException)
            {
                writer.WriteLine($"fit: {e.Message}");
                return Failed;
            }
        });
        return command;
    }
}
