using System.CommandLine;
using EscalationForecast.Client.Http;
using Spectre.Console;

namespace EscalationForecast.Cli.Connecting;

/// <summary>
/// The options every verb that talks to the service takes: <c>--url</c> (default <c>$ESCALATION_FORECAST_URL</c>,
/// else the embedded default's address) and <c>--api-key</c> (default <c>$ESCALATION_FORECAST_API_KEY</c>), sent as
/// <c>X-Api-Key</c>; and how a failed request becomes a message and an exit code.
/// </summary>
internal sealed class Connection
{
    public const string UrlVariable = "ESCALATION_FORECAST_URL", ApiKeyVariable = "ESCALATION_FORECAST_API_KEY";

    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The service's base URL (default ${UrlVariable}, else {EscalationForecastClient.DefaultBaseAddress})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : EscalationForecastClient.DefaultBaseAddress.ToString(),
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key, sent as X-Api-Key (default ${ApiKeyVariable})",
        HelpName = "KEY",
    };

    public Connection()
    {
        Url.Validators.Add(r =>
        {
            if (!IsHttpUrl(r.GetValueOrDefault<string>())) r.AddError("--url must be an absolute http(s) URL, e.g. http://127.0.0.1:5080");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
    }

    /// <param name="connect">Makes the client for a URL (tests hand in one bound to an in-memory server).</param>
    public EscalationForecastClient Connect(ParseResult parse, Func<Uri, EscalationForecastClient>? connect = null)
    {
        var client = (connect ?? (uri => new EscalationForecastClient(uri)))(new Uri(parse.GetValue(Url)!));
        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (!string.IsNullOrEmpty(key)) client.UseApiKey(key);
        return client;
    }

    /// <summary>Says why a request failed and answers the exit code: 1 refused by the service, 69 not reached.</summary>
    public static int Failure(IAnsiConsole terminal, string what, Exception e)
    {
        terminal.MarkupLineInterpolated($"[red]{what}: {e.Message}[/]");
        return e is ForecastApiException ? ExitCodes.Failed : ExitCodes.Unavailable;
    }

    public static bool IsFailure(Exception e) => e is ForecastApiException or HttpRequestException or TaskCanceledException { InnerException: TimeoutException };

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
