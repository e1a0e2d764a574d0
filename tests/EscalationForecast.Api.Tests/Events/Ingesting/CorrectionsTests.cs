using EscalationForecast.Api.Tests.Infrastructure;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

/// <summary>Each correction applies once: what is retracted or ended stays so, and a second try is a 409 naming the first.</summary>
public sealed class CorrectionsTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static object Retraction(string id, string theater, string incident) =>
        new { id, type = "incident-retracted", theaterId = theater, incidentId = incident, occurredAt = "2020-12-22" };

    [Fact]
    public async Task A_retracted_incident_is_neither_retracted_again_nor_revised()
    {
        var theater = ServiceFixture.NewTheater("retract");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"),
            Incident($"{theater}-2", theater, "2020-12-21"), Retraction($"{theater}-r1", theater, $"{theater}-1"))).Status);

        var again = await service.Host.PostEventsAsync(Retraction($"{theater}-r2", theater, $"{theater}-1"));
        Assert.Equal(409, again.Status);
        Assert.Contains($"'{theater}-r1' retracted", again.Body!["errors"]![0]!["reason"]!.GetValue<string>());

        var revision = await service.Host.PostEventsAsync(
            new { id = $"{theater}-v", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2020-12-20", severity = 5 });
        Assert.Equal(409, revision.Status);

        // The same retraction sent again is a no-op, not a conflict: an id is an idempotency key.
        var resent = await service.Host.PostEventsAsync(Retraction($"{theater}-r1", theater, $"{theater}-1"));
        Assert.Equal((200, 1), (resent.Status, resent.Body!["duplicates"]!.GetValue<int>()));

        // Two retractions of one incident in one batch: the second is the conflict, and nothing is stored.
        var twice = await service.Host.PostEventsAsync(Retraction($"{theater}-r3", theater, $"{theater}-2"), Retraction($"{theater}-r4", theater, $"{theater}-2"));
        Assert.Equal(409, twice.Status);
        Assert.Equal(1, twice.Body!["errors"]![0]!["index"]!.GetValue<int>());
        Assert.Equal(3, (await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}")).Count);
    }

    [Fact]
    public async Task Concurrent_retractions_of_one_incident_store_one()
    {
        var theater = ServiceFixture.NewTheater("race");
        Assert.Equal(200, (await service.Host.PostEventsAsync(Incident($"{theater}-1", theater, "2020-12-20"))).Status);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => service.Host.PostEventsAsync(Retraction($"{theater}-r{i}", theater, $"{theater}-1"))));
        Assert.Equal(1, answers.Count(a => a.Status == 200));
        Assert.Equal(7, answers.Count(a => a.Status == 409));
        Assert.Single(await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}&type=incident-retracted"));
    }

    [Fact]
    public async Task A_ceasefire_ends_once()
    {
        var theater = ServiceFixture.NewTheater("truce");
        object End(string id) => new { id, type = "ceasefire-ended", theaterId = theater, ceasefireId = $"{theater}-c", occurredAt = "2020-11-17", reason = "collapsed" };
        Assert.Equal(200, (await service.Host.PostEventsAsync(
            new { id = $"{theater}-c", type = "ceasefire-declared", theaterId = theater, occurredAt = "2020-10-10" }, End($"{theater}-e1"))).Status);
        var second = await service.Host.PostEventsAsync(End($"{theater}-e2"));
        Assert.Equal(409, second.Status);
        Assert.Contains($"'{theater}-e1' already ended", second.Body!["errors"]![0]!["reason"]!.GetValue<string>());
    }
}
