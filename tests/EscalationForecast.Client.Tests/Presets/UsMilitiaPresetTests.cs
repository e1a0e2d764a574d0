using EscalationForecast.Client.Events;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Presets;

public class UsMilitiaPresetTests
{
    private static readonly EventFile File = SampleFiles.Read(SampleFiles.UsMilitia, ImportPresets.UsMilitia);

    [Fact]
    public void All_28_rows_map_into_the_dyad_theater()
    {
        Assert.Equal((28, 28, 28), (SampleFiles.DataRows(SampleFiles.UsMilitia), File.Rows, File.Events.Count));
        Assert.Empty(File.Rejections);
        Assert.All(File.Events, e => Assert.Equal("iraq-us-militia", e.Item.TheaterId));
        Assert.All(File.Events, e => Assert.Equal($"us-militia-iraq-2019-2021:{e.Row}", e.Item.Id));
        Assert.Equal(new Dictionary<string, int> { ["incident"] = 25, ["ceasefire-declared"] = 1, ["ceasefire-ended"] = 1, ["anniversary"] = 1 },
            File.Events.CountBy(e => e.Item.Type).ToDictionary());
    }

    [Fact]
    public void The_United_States_is_the_us_channel_and_everyone_else_militia()
    {
        var incidents = File.Events.Select(e => e.Item).Where(i => i.Type == "incident").ToList();
        Assert.Equal([6, 8, 14, 24, 27], File.Events.Where(e => e.Item.Channel == "us").Select(e => e.Row));
        Assert.All(incidents, i => Assert.Equal(i.Actor == "United States" ? "us" : "militia", i.Channel));
        Assert.Equal("militia", incidents.Single(i => i.Actor == "Iran (IRGC)").Channel);
    }

    [Fact]
    public void Incidents_carry_actor_target_category_and_a_named_location()
    {
        var first = File.Events[0].Item;
        Assert.Equal(("Iran-backed militia", "Ain al-Asad air base", "rocket", "2019-12-03"),
            (first.Actor, first.Target, first.Category, first.OccurredAt));
        Assert.Equal(new GeoLocation(33.80, 42.44, "Anbar"), first.Location);
        Assert.Null(first.Severity);
    }

    [Fact]
    public void The_truce_ends_by_reference_to_its_declaration_and_the_anniversary_is_named_from_the_note()
    {
        var declared = File.Events.Single(e => e.Item.Type == "ceasefire-declared").Item;
        var ended = File.Events.Single(e => e.Item.Type == "ceasefire-ended").Item;
        Assert.Equal((declared.Id, "2020-11-17"), (ended.CeasefireId, ended.OccurredAt));
        Assert.Equal("2020-10-10", declared.OccurredAt);
        Assert.Equal(["militia"], declared.Parties);
        Assert.Equal("Kata'ib Hezbollah and allied factions ceasefire with US-linked interests", declared.Name);
        var anniversary = File.Events.Single(e => e.Item.Type == "anniversary").Item;
        Assert.Equal(("2020-01-03", "anniversary of the Soleimani and al-Muhandis killing", null),
            (anniversary.Date, anniversary.Name, anniversary.OccurredAt));
    }

    [Fact]
    public void An_end_that_matches_no_declared_truce_is_rejected()
    {
        const string csv = "date,kind,actor,target,category,location,latitude,longitude,note\n" +
                           "2020-10-10,ceasefire-declared,A,B,,,,,\n2020-11-17,ceasefire-ended,A,C,,,,,\n" +
                           "2020-11-18,incident,,B,rocket,,33.3,,\n2020-11-19,ceasefire-ended,A,B,,,,,\n";
        var file = EventFileReader.Read("us-militia-iraq-test.csv", new StringReader(csv), ImportPresets.UsMilitia);
        Assert.Equal([(3, "actor"), (4, "actor")], file.Rejections.Select(r => (r.Row, r.Column)));
        Assert.Contains("no ceasefire 'A / C' is in force", file.Rejections[0].Reason);
        Assert.Equal("us-militia-iraq-test:2", file.Events.Single(e => e.Row == 5).Item.CeasefireId);
    }
}
