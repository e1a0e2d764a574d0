using System.Globalization;
using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Samples;
using Marten;

namespace EscalationForecast.Api.Samples.Loading;

/// <summary>
/// On the first start of an empty store (<c>Samples:LoadOnEmptyStore</c>, on by default) loads the shipped
/// sample data: the 2019-2021 US-militia theater and the 2007-2008 Iraq city theaters, then the sample's event items
/// (<c>Samples/*.json</c>: an analyst's scheduled events and attribution, as a client posts them). Ids come from file
/// and row or are the items' own (the theaters' descriptions have fixed ids too), so two nodes starting together, or a later
/// <c>forecast import</c> of the same files, store nothing twice. Everything goes through the intake.
/// </summary>
public sealed class SampleLoader(
    IConfiguration configuration, IDocumentStore store, EventIntake intake, TimeProvider clock, ILogger<SampleLoader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Samples:LoadOnEmptyStore", true))
        {
            return;
        }
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: stoppingToken);
        if (statistics.EventCount > 0)
        {
            return;
        }
        var directory = Path.Combine(AppContext.BaseDirectory, "Samples");
        log.LogInformation("The event store is empty: loading the sample data from {Directory}", directory);
        var result = await new EventImporter(new InProcessAppender(intake))
            .ImportAsync(SampleData.Sources(directory), progress: null, stoppingToken);
        log.LogInformation(
            "Sample data loaded: {Appended} events stored, {Duplicates} already present, {Rejected} rows not stored ({Outcome})",
            result.Appended, result.Duplicates, result.Rejections.Count, result.Outcome);
        foreach (var failure in result.Failures)
        {
            log.LogWarning("Sample data: {Message}", failure.Message);
        }
        await PostItemsAsync(directory, stoppingToken);
        await DescribeTheatersAsync(stoppingToken);
    }

    /// <summary>Each <c>*.json</c> sample (an array of event items) as one batch, after the CSVs its items refer to.</summary>
    private async Task PostItemsAsync(string directory, CancellationToken ct)
    {
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(file, ct));
            var outcome = await intake.SubmitAsync(document.RootElement.EnumerateArray().ToArray(), ct);
            if (outcome is not AppendOutcome.Stored) log.LogWarning("Sample data: {File} was refused ({Outcome})", Path.GetFileName(file), outcome);
        }
    }

    private static readonly (string Id, string Name, string Description)[] Theaters =
    [
        ("iraq-us-militia", "Militias vs US forces in Iraq", "Iran-backed militia attacks on US sites and US strikes, 2019-2021"),
        .. IraqCityTheaters.Boxes.Select(b => (b.TheaterId, b.City,
            string.Create(CultureInfo.InvariantCulture, $"Insurgent attacks and coalition air operations within {b.HalfWidth} degrees of {b.City} (of the nearer city where two boxes overlap), 2007-2008"))),
        (IraqCityTheaters.Other, "Iraq, outside the city theaters", "Insurgent attacks and coalition air operations elsewhere in Iraq, 2007-2008"),
    ];

    private async Task DescribeTheatersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var described = Theaters.Select(t => new TheaterDescribed($"{t.Id}/described/sample", t.Id, t.Name, t.Description, [], now)).ToArray();
        if (await intake.SubmitAsync(described, ct) is not AppendOutcome.Stored)
        {
            log.LogWarning("Sample data: the theaters' descriptions were refused");
        }
    }
}
