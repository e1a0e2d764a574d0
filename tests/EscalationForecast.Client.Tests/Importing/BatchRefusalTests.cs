using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Importing;

/// <summary>Every way the server can refuse a batch, and what the pipeline makes of it.</summary>
public sealed class BatchRefusalTests : ServerTest
{
    [Fact]
    public async Task Items_the_server_refuses_are_reported_against_their_rows_and_the_rest_is_resent()
    {
        Server.Refuse["small:4"] = ("occurredAt", "more than 1 day in the future");
        Server.Refuse["small:9"] = ("severity", "out of range");
        var result = await Import(new ImportOptions { BatchSize = 5 }, Small());

        Assert.Equal([(5, 400), (4, 200), (5, 400), (4, 200), (2, 200)], Server.Requests);
        var file = Assert.Single(result.Files);
        Assert.Equal(10, file.Appended);
        Assert.Equal([(4, "occurredAt"), (9, "severity")], file.Rejections.Select(r => (r.Row, r.Column)));
        Assert.All(file.Rejections, r => Assert.Equal(RejectionKind.Server, r.Kind));
        Assert.Contains("more than 1 day in the future (id small:4)", file.Rejections[0].Reason);
        Assert.Null(file.Failure);
        Assert.Equal(ImportOutcome.Failed, result.Outcome);
        Assert.DoesNotContain("small:4", Server.StoredIds);
    }

    [Fact]
    public async Task An_id_reused_with_different_content_is_reported_and_the_others_are_stored()
    {
        await Client.AppendAsync([new() { Id = "small:3", Type = "incident", TheaterId = "elsewhere", OccurredAt = "2007-03-02" }],
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
        Server.MaxItems = 4;
        var file = Assert.Single((await Import(new ImportOptions(), Small())).Files);
        Assert.Equal((12, ImportOutcome.Complete), (file.Appended, file.Outcome));
        Assert.Equal([(12, 413), (6, 413), (3, 200), (3, 200), (6, 413), (3, 200), (3, 200)], Server.Requests);
    }

    [Fact]
    public async Task A_throttled_batch_is_retried_after_the_servers_delay()
    {
        Server.ThrottleNext = 2;
        var file = Assert.Single((await Import(new ImportOptions(), Small())).Files);
        Assert.Equal([(12, 429), (12, 429), (12, 200)], Server.Requests);
        Assert.Equal(12, file.Appended);
    }

    [Fact]
    public async Task Throttling_beyond_the_retry_budget_fails_the_file()
    {
        Server.ThrottleNext = 10;
        var file = Assert.Single((await Import(new ImportOptions { MaxRetries = 1 }, Small())).Files);
        Assert.Equal([(12, 429), (12, 429)], Server.Requests);
        Assert.Contains("answered 429", file.Failure!.Message);
    }

    [Fact]
    public async Task A_server_error_stops_the_file_and_says_from_which_row_nothing_was_stored()
    {
        Server.FailWith = HttpStatusCode.InternalServerError;
        var file = Assert.Single((await Import(new ImportOptions { BatchSize = 5 }, Small())).Files);
        Assert.Equal([(5, 500)], Server.Requests);
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
        Server.Refuse["small:8"] = ("x", "y");
        var importer = new EventImporter(Client, new ImportOptions { BatchSize = 5 });
        var file = await importer.SendAsync(EventFileReader.Read("small.csv", Small().Open(), ImportPresets.IraqInsurgent),
            new Reports(r => { if (r.EventsSent == 10) Server.FailWith = HttpStatusCode.BadGateway; }),
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


    private static async Task<Uri> UnusedAddress()
    {
        await using var closed = await EventsTestServer.StartAsync();
        return closed.BaseAddress;
    }
}
