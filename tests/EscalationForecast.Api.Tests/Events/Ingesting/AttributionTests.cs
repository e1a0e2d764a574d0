using System.Text.Json.Nodes;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests.Events.Ingesting;

/// <summary>
/// Incidents of uncertain author: the attribution checked (names, probabilities in (0, 1], summing to 1, each channel
/// once, at most the channel bound), its channels the theater's, the most probable one the incident's channel, claimedBy
/// and deniedBy kept and answered in JSON and CSV, and a revision replacing the attribution or settling the author.
/// </summary>
public sealed class AttributionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static object Attributed(string id, string theater, object attribution, string? channel = null) => channel is null
        ? new { id, type = "incident", theaterId = theater, occurredAt = "2020-12-20", attribution, deniedBy = "Kata'ib Hezbollah", claimedBy = "an 'outlaw group'" }
        : new { id, type = "incident", theaterId = theater, occurredAt = "2020-12-20", attribution, channel };

    [Fact]
    public async Task An_attributed_incident_takes_its_most_probable_channel_and_its_channels_join_the_theater()
    {
        var theater = ServiceFixture.NewTheater("attr");
        var (status, body, _) = await service.Host.PostEventsAsync(
            Attributed($"{theater}-1", theater, new[] { new { channel = "unknown", probability = 0.3 }, new { channel = "militia", probability = 0.7 } }));
        Assert.True(status == 200, body?.ToJsonString());
        var item = (await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}")).Single();
        Assert.Equal("militia", item["channel"]!.GetValue<string>());
        Assert.Equal(0.3, item["attribution"]![0]!["probability"]!.GetValue<double>());
        Assert.Equal(("Kata'ib Hezbollah", "an 'outlaw group'"), (item["deniedBy"]!.GetValue<string>(), item["claimedBy"]!.GetValue<string>()));
        var listed = await Eventually.UntilAsync(
            async () => (await service.Host.GetJsonAsync($"/api/v1/theaters?minSequence={body!["lastSequence"]}"))["items"]!.AsArray()
                .FirstOrDefault(t => t!["id"]!.GetValue<string>() == theater),
            t => t is not null, TimeSpan.FromSeconds(20), "the theater in the list");
        Assert.Equal(["militia", "unknown"], listed!["channels"]!.AsArray().Select(c => c!.GetValue<string>()));

        var client = service.Host.Server.CreateClient();
        var csv = (await client.GetStringAsync($"/api/v1/events?theaterId={theater}&format=csv", TestContext.Current.CancellationToken)).Split("\r\n");
        var header = csv[0].Split(',');
        var row = CsvFields(csv[1]);
        Assert.Equal("unknown=0.3;militia=0.7", row[Array.IndexOf(header, "attribution")]);
        Assert.Equal("Kata'ib Hezbollah", row[Array.IndexOf(header, "deniedBy")]);

        // A revision with a new attribution replaces it; one naming a channel alone settles the author.
        var revise = new { id = $"{theater}-1-r", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2020-12-20",
            attribution = new[] { new { channel = "militia", probability = 0.4 }, new { channel = "unknown", probability = 0.6 } } };
        var settle = new { id = $"{theater}-1-s", type = "incident-revised", theaterId = theater, incidentId = $"{theater}-1", occurredAt = "2020-12-20", channel = "militia", claimedBy = "Kata'ib Hezbollah" };
        Assert.Equal(200, (await service.Host.PostEventsAsync(revise, settle)).Status);
        Assert.Equal(3, (await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}")).Count);
    }

    [Fact]
    public async Task A_bad_attribution_is_refused_naming_the_share_and_the_fix()
    {
        var theater = ServiceFixture.NewTheater("attr-bad");
        var eleven = Enumerable.Range(0, 11).Select(k => new { channel = $"c{k}", probability = 1 / 11.0 }).ToArray();
        var (status, body, _) = await service.Host.PostEventsAsync(
            Attributed($"{theater}-1", theater, new[] { new { channel = "militia", probability = 0.7 }, new { channel = "unknown", probability = 0.2 } }),
            Attributed($"{theater}-2", theater, new[] { new { channel = "militia", probability = 1.0 }, new { channel = "unknown", probability = 0.0 } }),
            Attributed($"{theater}-3", theater, new[] { new { channel = "militia", probability = 0.5 }, new { channel = "militia", probability = 0.5 } }),
            Attributed($"{theater}-4", theater, new[] { new { channel = "Militia!", probability = 1.0 } }),
            Attributed($"{theater}-5", theater, eleven),
            Attributed($"{theater}-6", theater, new[] { new { channel = "militia", probability = 0.5 }, new { channel = "unknown", probability = 0.5 } }, channel: "us"),
            Attributed($"{theater}-7", theater, "militia"));
        Assert.Equal(400, status);
        var errors = body!["errors"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["reason"]!.GetValue<string>())).ToArray();
        Assert.Contains(errors, e => e is (0, "attribution", _) && e.Item3.Contains("sum to 1"));
        Assert.Contains(errors, e => e is (1, "attribution[1].probability", _));
        Assert.Contains(errors, e => e is (2, "attribution[1].channel", _) && e.Item3.Contains("second time"));
        Assert.Contains(errors, e => e is (3, "attribution[0].channel", _));
        Assert.Contains(errors, e => e is (4, "attribution", _) && e.Item3.Contains("Ingestion:MaxChannelsPerTheater"));
        Assert.Contains(errors, e => e is (5, "channel", _) && e.Item3.Contains("does not list"));
        Assert.Contains(errors, e => e is (6, "attribution", _));
        Assert.Empty(await EventPages.ReadAllAsync(service.Host, $"theaterId={theater}"));
    }

    /// <summary>One CSV record's fields (RFC 4180 quoting).</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
