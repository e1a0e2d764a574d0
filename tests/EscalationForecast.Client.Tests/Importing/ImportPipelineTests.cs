using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Importing;

/// <summary>The pipeline against a real HTTP server: batching, progress, aggregation, idempotency.</summary>
public sealed class ImportPipelineTests : ServerTest
{
    private static ImportSource Airstrikes => ImportSource.FromFile(SampleFiles.PathOf(SampleFiles.Airstrikes));

    [Fact]
    public async Task Batches_hold_the_chosen_size_and_the_answers_add_up_with_progress_after_each()
    {
        var reports = new List<ImportProgress>();
        var result = await new EventImporter(Client, new ImportOptions { BatchSize = 1000 })
            .ImportAsync([Airstrikes], new Reports(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal([(1000, 200), (1000, 200), (1000, 200), (938, 200)], Server.Requests);
        var file = Assert.Single(result.Files);
        Assert.Equal((3938, 3938, 3938, 0, 3938L), (file.Rows, file.Events, file.Appended, file.Duplicates, file.LastSequence));
        Assert.Equal(ImportOutcome.Complete, result.Outcome);
        Assert.Equal([0, 1000, 2000, 3000, 3938], reports.Select(r => r.EventsSent));
        Assert.All(reports, r => Assert.Equal((3938, 1, 1), (r.EventsTotal, r.FileNumber, r.FileCount)));
        Assert.Equal(SampleFiles.AirstrikesFile.Events.Select(e => e.Item.Id).Order(), Server.StoredIds.Order());
        Assert.Contains("\"channel\":\"coalition\"", Server.StoredJson("iraq-2007-coalition-airstrikes:2"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_stores_nothing_new()
    {
        await Import(new ImportOptions(), Airstrikes);
        var again = Assert.Single((await Import(new ImportOptions(), Airstrikes)).Files);
        Assert.Equal((0, 3938), (again.Appended, again.Duplicates));
        Assert.Equal(3938, Server.StoredIds.Count);
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
        Assert.Equal([(1, 200)], Server.Requests);
        Assert.Equal((ImportOutcome.RowsRejected, 3), (result.Outcome, Assert.Single(result.Rejections).Row));
    }

    [Fact]
    public async Task A_dry_run_reads_and_checks_but_sends_nothing()
    {
        var file = Assert.Single((await Import(new ImportOptions { DryRun = true }, Small())).Files);
        Assert.Equal((12, 0), (file.Events, file.Appended));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_file_the_preset_cannot_read_fails_with_the_reason_and_sends_nothing()
    {
        var result = await Import(new ImportOptions(), ImportSource.FromText("feed.csv", "when\n2020-01-01\n", new GenericPreset()));
        var failure = Assert.Single(result.Failures);
        Assert.Contains("feed.csv was not imported: no date column", failure.Message);
        Assert.Equal(ImportOutcome.Failed, result.Outcome);
        Assert.Empty(Server.Requests);
    }
}
