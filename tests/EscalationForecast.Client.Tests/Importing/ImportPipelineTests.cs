using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Importing;

/// <summary>The pipeline against a real HTTP server: batching, aggregation and every way a batch can be refused.</summary>
public sealed class ImportPipelineTests : IAsyncLifetime
{
    private EventsTestServer server = null!;
    private EscalationForecastClient client = null!;

    public async ValueTask InitializeAsync()
    {
        server = await EventsTestServer.StartAsync();
        client = new EscalationForecastClient(server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private static ImportSource Airstrikes => ImportSource.FromFile(SampleFiles.PathOf(SampleFiles.Airstrikes));

    // Twelve incidents in Baghdad on consecutive days, rows 2..13.
    private static ImportSource Small(string name = "small.csv") => ImportSource.FromText(name,
        "date,longitude,latitude,type\n" + string.Concat(Enumerable.Range(1, 12).Select(d => $"2007-03-{d:00},44.37,33.31,IED\n")),
        ImportPresets.IraqInsurgent);

    private Task<ImportResult> Import(ImportOptions options, params ImportSource[] sources) =>
        new EventImporter(client, options).ImportAsync(sources, null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Batches_hold_the_chosen_size_and_the_answers_add_up_with_progress_after_each()
    {
        var reports = new List<ImportProgress>();
        var result = await new EventImporter(client, new ImportOptions { BatchSize = 1000 })
            .ImportAsync([Airstrikes], new Progress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal([(1000, 200), (1000, 200), (1000, 200), (938, 200)], server.Requests);
        var file = Assert.Single(result.Files);
        Assert.Equal((3938, 3938, 3938, 0, 3938L), (file.Rows, file.Events, file.Appended, file.Duplicates, file.LastSequence));
        Assert.Equal(ImportOutcome.Complete, result.Outcome);
        Assert.Equal([0, 1000, 2000, 3000, 3938], reports.Select(r => r.EventsSent));
        Assert.All(reports, r => Assert.Equal((3938, 1, 1), (r.EventsTotal, r.FileNumber, r.FileCount)));
        Assert.Equal(SampleFiles.AirstrikesFile.Events.Select(e => e.Item.Id).Order(), server.StoredIds.Order());
        Assert.Contains("\"channel\":\"coalition\"", server.StoredJson("iraq-2007-coalition-airstrikes:2"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_stores_nothing_new()
    {
        await Import(new ImportOptions(), Airstrikes);
        var again = Assert.Single((await Import(new ImportOptions(), Airstrikes)).Files);
        Assert.Equal((0, 3938), (again.Appended, again.Duplicates));
        Assert.Equal(3938, server.StoredIds.Count);
    }

    [Fact]
    public async Task Items_the_server_refuses_are_reported_against_their_rows_and_the_rest_is_resent()
    {
        server.Refuse["small:4"] = ("occurredAt", "more than 1 day in the future");
        server.Refuse["small:9"] = ("severity", "out of range");
        var result = await Import(new ImportOptions { BatchSize = 5 }, Small());

        Assert.Equal([(5, 400), (4, 200), (5, 400), (4, 200), (2, 200)], server.Requests);
        var file = Assert.Single(result.Files);
        Assert.Equal(10, file.Appended);
        Assert.Equal([(4, "occurredAt"), (9, "severity")], file.Rejections.Select(r => (r.Row, r.Column)));
        Assert.All(file.Rejections, r => Assert.Equal(RejectionKind.Server, r.Kind));
        Assert.Contains("more than 1 day in the future (id small:4)", file.Rejections[0].Reason);
        Assert.Null(file.Failure);
        Assert.Equal(ImportOutcome.Failed, result.Outcome);
        Assert.DoesNotContain("small:4", server.StoredIds);
    }

    [Fact]
    public async Task An_id_reused_with_different_content_is_reported_and_the_others_are_stored()
    {
        await client.AppendAsync([new() { Id = "small:3", Type = "incident", TheaterId = "elsewhere", OccurredAt = "2007-03-02" }],
            TestContext.Current.CancellationToken);
        var file = Assert.Single((await Import(new ImportOptions(), Small())).Files);
        var conflict = Assert.Single(file.Rejections);
        Assert.Equal((3, RejectionKind.Server), (conflict.Row, conflict.Kind));
        Assert.Contains("different content", conflict.Reason);
        Assert.Equal(11, file.Appended);
    }

    [Fact]
    public async Task A_batch_too_large_for_the_server_is_halved_until_it_fits()
    {
        server.MaxItems = 4;
        var file = Assert.Single((await Import(new ImportOptions(), Small())).Files);
        Assert.Equal((12, ImportOutcome.Complete), (file.Appended, file.Outcome));
        Assert.Equal([(12, 413), (6, 413), (3, 200), (3, 200), (6, 413), (3, 200), (3, 200)], server.Requests);
    }

    [Fact]
    public async Task A_throttled_batch_is_retried_after_the_servers_delay()
    {
        server.ThrottleNext = 2;
        var file = Assert.Single((await Import(new ImportOptions(), Small())).Files);
        Assert.Equal([(12, 429), (12, 429), (12, 200)], server.Requests);
        Assert.Equal(12, file.Appended);
    }

    [Fact]
    public async Task A_server_error_stops_the_file_and_says_from_which_row_nothing_was_stored()
    {
        server.FailWith = HttpStatusCode.InternalServerError;
        var file = Assert.Single((await Import(new ImportOptions { BatchSize = 5 }, Small())).Files);
        Assert.Equal([(5, 500)], server.Requests);
        var failure = file.Failure!;
        Assert.Equal((2, 12, 500), (failure.FromRow, failure.EventsNotSent, failure.Problem!.Status));
        Assert.Contains("the test server was told to fail", failure.Message);
        Assert.Contains("Rows from 2 on were not stored", failure.Message);
        Assert.Equal(ImportOutcome.Failed, file.Outcome);
    }

    [Fact]
    public async Task A_failure_midway_counts_what_was_stored_before_it()
    {
        // Batch two (rows 7-11) loses row 8 to a 400 and is re-sent; then the server breaks before batch three.
        server.Refuse["small:8"] = ("x", "y");
        var importer = new EventImporter(client, new ImportOptions { BatchSize = 5 });
        var file = await importer.SendAsync(EventFileReader.Read("small.csv", Small().Open(), ImportPresets.IraqInsurgent),
            new Progress(r => { if (r.EventsSent == 10) server.FailWith = HttpStatusCode.BadGateway; }),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((9, 2, 12), (file.Appended, file.Failure!.EventsNotSent, file.Failure.FromRow));
        Assert.Equal(8, Assert.Single(file.Rejections).Row);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_failure_naming_the_cause_not_an_exception()
    {
        using var nowhere = new EscalationForecastClient(await UnusedAddress());
        var result = await new EventImporter(nowhere).ImportAsync([Small()], null, TestContext.Current.CancellationToken);
        Assert.Contains("Could not reach the server", Assert.Single(result.Failures).Message);
        Assert.Equal(ImportOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task A_missing_file_is_reported_and_the_other_files_are_still_imported()
    {
        var result = await Import(new ImportOptions(), ImportSource.FromFile("/no/such/dir/x.csv", new GenericPreset()), Small());
        Assert.Contains("Cannot read x.csv", result.Files[0].Failure!.Message);
        Assert.Equal(12, result.Files[1].Appended);
    }

    [Fact]
    public async Task Locally_rejected_rows_are_not_sent_and_make_the_outcome_rows_rejected()
    {
        var source = ImportSource.FromText("bad.csv", "date,longitude,latitude,type\n2007-01-01,44,33,IED\nyesterday,44,33,IED\n",
            ImportPresets.IraqInsurgent);
        var result = await Import(new ImportOptions(), source);
        Assert.Equal([(1, 200)], server.Requests);
        Assert.Equal((ImportOutcome.RowsRejected, 3), (result.Outcome, Assert.Single(result.Rejections).Row));
    }

    [Fact]
    public async Task A_dry_run_reads_and_checks_but_sends_nothing()
    {
        var file = Assert.Single((await Import(new ImportOptions { DryRun = true }, Small())).Files);
        Assert.Equal((12, 0), (file.Events, file.Appended));
        Assert.Empty(server.Requests);
    }

    private static async Task<Uri> UnusedAddress()
    {
        await using var closed = await EventsTestServer.StartAsync();
        return closed.BaseAddress;
    }

    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
