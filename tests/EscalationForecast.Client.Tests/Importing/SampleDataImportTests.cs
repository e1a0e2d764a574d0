using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Samples;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Importing;

/// <summary>What the server's first-start loader does: every sample file through <see cref="SampleData"/>.</summary>
public class SampleDataImportTests
{
    [Fact]
    public async Task All_samples_import_completely_with_unique_ids_and_only_the_extension_skipped()
    {
        await using var server = await EventsTestServer.StartAsync();
        using var client = new EscalationForecastClient(server.BaseAddress);
        var result = await new EventImporter(client).ImportAsync(SampleData.Sources(SampleFiles.Directory),
            null, TestContext.Current.CancellationToken);

        Assert.Equal(SampleData.Files.Select(f => f.FileName), result.Files.Select(f => f.File));
        Assert.Equal(68_573 + 3_938 + 7 + 28, result.Rows);
        const int events = 68_573 + 3_938 + 6 * 5 + 28;
        Assert.Equal((events, events, 0), (result.Events, result.Appended, result.Duplicates));
        Assert.Equal(events, server.StoredIds.Count); // ids never collide across files
        var skipped = Assert.Single(result.Rejections);
        Assert.Equal((SampleFiles.Context, RejectionKind.Unsupported), (skipped.File, skipped.Kind));
        Assert.Equal(ImportOutcome.Complete, result.Outcome);
        Assert.All(result.Files, f => Assert.Equal(SampleFiles.DataRows(f.File), f.Rows));
    }

    [Fact]
    public void Every_sample_file_is_listed_with_the_preset_its_name_selects()
    {
        Assert.Equal(Directory.GetFiles(SampleFiles.Directory, "*.csv").Select(Path.GetFileName).Order(),
            SampleData.Files.Select(f => f.FileName).Order());
        Assert.All(SampleData.Files, f => Assert.Same(f.Preset, ImportPresets.Detect(f.FileName)));
    }
}
