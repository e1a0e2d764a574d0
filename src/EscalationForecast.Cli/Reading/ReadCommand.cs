using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Connecting;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Reading;

/// <summary>
/// The shape every read verb shares: its arguments and options, <c>--url</c>/<c>--api-key</c>, <c>--json</c>; one GET
/// of the path the parsed command names; the answer as the service gave it (<c>--json</c>, indented, on standard
/// output) or rendered for a terminal. Exit 0 read, 1 refused by the service (its problem's detail printed), 2 usage,
/// 69 not reachable.
/// </summary>
internal static class ReadCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(string name, string description, IEnumerable<Symbol> symbols, Func<ParseResult, string> path,
        Action<IAnsiConsole, JsonElement> render, IAnsiConsole? console, Func<Uri, EscalationForecastClient>? connect)
    {
        var json = new Option<bool>("--json") { Description = "Print the service's answer as JSON" };
        var connection = new Connection();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var terminal = console ?? AnsiConsole.Console;
            using var client = connection.Connect(parse, connect);
            try
            {
                var answer = await client.GetJsonAsync<JsonElement>(path(parse), ct);
                if (parse.GetValue(json)) await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(answer, Indented));
                else render(terminal, answer);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (Connection.IsFailure(e))
            {
                return Connection.Failure(terminal, $"{name} could not be read", e);
            }
        });
        return command;
    }

    public static Argument<string> Theater() => new("theater") { Description = "The theater's id (forecast theaters lists them)" };

    public static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
            : "";

    public static string Number(JsonElement e, string name, string format) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "";
}
