using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Analyst.Tests.Infrastructure;
using EscalationForecast.Api.Tests.Infrastructure;
using EscalationForecast.Cli;
using Spectre.Console;

namespace EscalationForecast.Analyst.Tests.Cli;

/// <summary>
/// <c>forecast</c>'s read verbs against the running service with API keys configured: <c>--url</c>, <c>--api-key</c>
/// and the environment variables, tables for a person and <c>--json</c> for a program, and the exit codes.
/// </summary>
public sealed class ReadCommandsTests(AnalystService service)
{
    private readonly StringWriter _output = new(), _errors = new(), _screen = new();

    private async Task<int> Forecast(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_screen),
        });
        console.Profile.Width = 220;
        return await CliRoot.RunAsync(CliRoot.Create(console), args,
            new InvocationConfiguration { Output = _output, Error = _errors }, TestContext.Current.CancellationToken);
    }

    private string Url => service.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task Risk_as_of_a_past_day_prints_the_service_answer_as_json()
    {
        var exit = await Forecast("risk", "iraq-us-militia", "--as-of", "2020-11-18", "--horizon", "14", "--at-least", "1,3", "--json",
            "--url", Url, "--api-key", AnalystService.ReadKey);
        Assert.True(exit == 0, _screen + _errors.ToString());
        using var risk = JsonDocument.Parse(_output.ToString());
        Assert.Equal("2020-11-18T00:00:00Z", risk.RootElement.GetProperty("asOf").GetString());
        Assert.Equal(14, risk.RootElement.GetProperty("horizonDays").GetInt32());
        Assert.Equal(2, risk.RootElement.GetProperty("probabilityAtLeast").EnumerateObject().Count());
    }

    [Fact]
    public async Task Theaters_series_and_model_render_tables_with_the_key_from_the_environment()
    {
        Environment.SetEnvironmentVariable("ESCALATION_FORECAST_API_KEY", AnalystService.ReadKey);
        Environment.SetEnvironmentVariable("ESCALATION_FORECAST_URL", Url);
        try
        {
            Assert.Equal(0, await Forecast("theaters"));
            Assert.Contains("Militias vs US forces in Iraq", _screen.ToString());
            Assert.Equal(0, await Forecast("series", "iraq-us-militia", "--from", "2020-11-16", "--to", "2020-11-18"));
            Assert.Matches(@"2020-11-17\s*│\s*1\s*│", _screen.ToString());
            Assert.Equal(0, await Forecast("model", "iraq-us-militia", "--as-of", "2021-01-15", "--known-at", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ")));
            Assert.Contains("ceasefire ×", _screen.ToString());
            Assert.Contains("deadline ×", _screen.ToString()); // the drawdown of 2021-01-15, whose ramp began on 2020-12-16
            Assert.Contains("deadline × (day counts)", _screen.ToString());
            Assert.Contains("branching ratio", _screen.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ESCALATION_FORECAST_API_KEY", null);
            Environment.SetEnvironmentVariable("ESCALATION_FORECAST_URL", null);
        }
    }

    [Fact]
    public async Task Risk_names_the_deadline_ahead_and_the_uncertain_authors_among_the_drivers()
    {
        var exit = await Forecast("risk", "iraq-us-militia", "--as-of", "2021-01-06", "--url", Url, "--api-key", AnalystService.ReadKey);
        Assert.True(exit == 0, _screen + _errors.ToString());
        var screen = _screen.ToString();
        Assert.Matches(@"scheduled-event \(deadline\)\s*│\s*US drawdown to 2,500 troops in Iraq\s*│\s*2021-01-15, in 9 days", screen);
        Assert.Contains("(militia 70%, unknown 30%)", screen);
    }

    [Fact]
    public async Task Without_a_key_the_service_refuses_and_the_exit_code_is_1()
    {
        Assert.Equal(1, await Forecast("theaters", "--url", Url));
        Assert.Contains("401", _screen.ToString());
    }

    [Theory]
    [InlineData("risk", "iraq-us-militia", "--horizon", "0")]
    [InlineData("risk", "iraq-us-militia", "--as-of", "yesterday")]
    [InlineData("series")]
    [InlineData("theaters", "--url", "ftp://example")]
    [InlineData("no-such-verb")]
    public async Task A_usage_error_exits_2_before_anything_is_sent(params string[] args)
    {
        Assert.Equal(2, await Forecast(args));
        Assert.NotEmpty(_errors.ToString());
        Assert.Contains("--help", _errors.ToString());
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_exits_69()
    {
        Assert.Equal(69, await Forecast("theaters", "--url", $"http://127.0.0.1:{ServiceProcess.FreePort()}"));
    }

    [Fact]
    public async Task Every_verb_takes_json_and_every_verb_that_talks_to_the_service_takes_url_and_api_key()
    {
        foreach (var verb in CliRoot.Create().Subcommands)
        {
            var options = verb.Options.Select(o => o.Name).ToHashSet();
            Assert.Contains("--json", options);
            if (verb.Name != "fit") Assert.True(options.IsSupersetOf(["--url", "--api-key"]), verb.Name);
        }
        await Task.CompletedTask;
    }
}
