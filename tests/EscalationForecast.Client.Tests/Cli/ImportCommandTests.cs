using System.CommandLine;
using EscalationForecast.Cli;
using EscalationForecast.Cli.Importing;
using EscalationForecast.Client.Tests.Support;
using Spectre.Console;

namespace EscalationForecast.Client.Tests.Cli;

/// <summary>The <c>forecast import</c> verb end to end against a real HTTP server: arguments, output, exit codes.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("forecast-import-").FullName;
    private readonly StringWriter output = new();
    private EventsTestServer server = null!;

    public async ValueTask InitializeAsync() => server = await EventsTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private string Csv(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<int> Run(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;
        var root = new RootCommand { ImportCommand.Create(console) };
        return await CliRoot.RunAsync(root, ["import", .. args, "--url", server.BaseAddress.ToString()],
            new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_samples_import_with_presets_chosen_by_file_name_and_exit_0()
    {
        var code = await Run(SampleFiles.PathOf(SampleFiles.Context), SampleFiles.PathOf(SampleFiles.UsMilitia));
        Assert.Equal(0, code);
        Assert.Equal(30 + 28, server.StoredIds.Count);
        var text = output.ToString();
        Assert.Contains("iraq-2007-2008-context.csv: preset iraq-context", text);
        Assert.Contains("'ceasefire-extended' is not in the event vocabulary", text); // listed, but not a failure
        Assert.Contains("Every row is stored.", text);
    }

    [Fact]
    public async Task Locally_rejected_rows_are_tabled_with_row_and_column_and_exit_65()
    {
        var path = Csv("incidents.csv", "date,theater,severity\n2021-01-01,north,3\n2021-13-01,north,1\n2021-01-03,north,7\n");
        var code = await Run(path, "--batch-size", "1");
        Assert.Equal(65, code); // EX_DATAERR: 2 is a usage error
        Assert.Equal([(1, 200)], server.Requests);
        var text = output.ToString();
        Assert.Contains("preset generic", text);
        Assert.Matches(@"incidents\.csv\s*│\s*3\s*│\s*date\s*│\s*invalid\s*│\s*'2021-13-01' is not a date", text);
        Assert.Matches(@"incidents\.csv\s*│\s*4\s*│\s*severity\s*│", text);
    }

    [Fact]
    public async Task Generic_column_options_map_an_arbitrary_file()
    {
        var path = Csv("feed.csv", "when,what\n2021-01-01T10:00:00Z,IED\n");
        Assert.Equal(0, await Run(path, "--date-column", "when", "--category-column", "what", "--theater", "north", "--channel", "insurgent"));
        Assert.Equal("""{"id":"feed:2","type":"incident","theaterId":"north","occurredAt":"2021-01-01T10:00:00Z","channel":"insurgent","category":"IED"}""",
            server.StoredJson("feed:2"));
    }

    [Fact]
    public async Task Items_the_server_refuses_exit_1_and_the_rest_is_stored()
    {
        server.Refuse["us-militia-iraq-2019-2021:5"] = ("occurredAt", "too far in the future");
        Assert.Equal(1, await Run(SampleFiles.PathOf(SampleFiles.UsMilitia)));
        Assert.Equal(27, server.StoredIds.Count);
        Assert.Matches(@"│\s*5\s*│\s*occurredAt\s*│\s*server\s*│\s*the server refused it: too far in the future", output.ToString());
    }

    [Theory]
    [InlineData("--preset", "nope")]
    [InlineData("--batch-size", "20000")]
    [InlineData("--preset", "us-militia", "--theater", "x")]
    public async Task Bad_arguments_are_a_usage_error_exit_2_with_a_message_and_send_nothing(params string[] args)
    {
        Assert.Equal(2, await Run([SampleFiles.PathOf(SampleFiles.UsMilitia), .. args]));
        Assert.Empty(server.Requests);
        Assert.Matches("nope|--batch-size must be from 1 to 10000|--preset generic", output.ToString());
    }

    [Fact]
    public async Task A_file_without_a_theater_exits_1_saying_how_to_give_one()
    {
        Assert.Equal(1, await Run(Csv("feed.csv", "date,type\n2021-01-01,IED\n")));
        Assert.Contains("no theater: add a 'theaterId' column, or pass a fixed theater (--theater ID)", output.ToString());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_file_is_refused_before_anything_is_sent()
    {
        Assert.Equal(2, await Run(Path.Combine(directory, "absent.csv")));
        Assert.Contains("absent.csv", output.ToString());
        Assert.Empty(server.Requests);
    }
}
