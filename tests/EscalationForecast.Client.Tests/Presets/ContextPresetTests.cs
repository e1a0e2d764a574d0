using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Presets;

public class ContextPresetTests
{
    private static readonly EventFile File = SampleFiles.Read(SampleFiles.Context, ImportPresets.IraqContext);
    private static readonly IReadOnlyList<string> Cities = IraqCityTheaters.CityTheaterIds;

    [Fact]
    public void Each_context_row_is_replicated_into_every_city_theater_except_the_extension_which_is_skipped()
    {
        Assert.Equal((7, 7), (SampleFiles.DataRows(SampleFiles.Context), File.Rows));
        var skipped = Assert.Single(File.Rejections);
        Assert.Equal((5, "kind", RejectionKind.Unsupported), (skipped.Row, skipped.Column, skipped.Kind));
        Assert.Contains("stays in force", skipped.Reason);
        Assert.Equal(6, File.RowsMapped);
        Assert.Equal(6 * Cities.Count, File.Events.Count);
        Assert.All(File.Events.GroupBy(e => e.Row), row => Assert.Equal(Cities, row.Select(e => e.Item.TheaterId)));
    }

    [Fact]
    public void Ids_carry_file_row_and_theater_and_are_unique()
    {
        Assert.Equal(File.Events.Count, File.Events.Select(e => e.Item.Id).Distinct().Count());
        Assert.All(File.Events, e => Assert.Equal($"iraq-2007-2008-context:{e.Row}:{e.Item.TheaterId}", e.Item.Id));
    }

    [Fact]
    public void The_end_of_the_Mahdi_Army_freeze_refers_to_its_declaration_in_the_same_theater()
    {
        var ended = File.Events.Where(e => e.Item.Type == "ceasefire-ended").Select(e => e.Item).ToList();
        Assert.Equal(Cities.Count, ended.Count);
        var byId = File.Events.ToDictionary(e => e.Item.Id, e => e.Item);
        Assert.All(ended, end =>
        {
            var declared = byId[end.CeasefireId!];
            Assert.Equal(("ceasefire-declared", "Mahdi Army freeze", end.TheaterId), (declared.Type, declared.Name, declared.TheaterId));
            Assert.Equal("2008-03-25", end.OccurredAt);
            Assert.Null(end.Reason); // the file does not say why; no reason is invented
        });
    }

    [Fact]
    public void Declarations_split_parties_on_semicolons_and_anniversaries_carry_their_date_and_name()
    {
        var truce = File.Events.Single(e => e.Row == 8 && e.Item.TheaterId == "iraq-baghdad").Item;
        Assert.Equal(("ceasefire-declared", "2008-05-11", "Sadr City truce"), (truce.Type, truce.OccurredAt, truce.Name));
        Assert.Equal(["Jaish al-Mahdi", "Government of Iraq"], truce.Parties);
        var anniversary = File.Events.Single(e => e.Row == 3 && e.Item.TheaterId == "iraq-mosul").Item;
        Assert.Equal(("anniversary", "2007-04-09", "Fall of Baghdad (2003-04-09)"), (anniversary.Type, anniversary.Date, anniversary.Name));
        Assert.Null(anniversary.OccurredAt);
        Assert.Null(anniversary.WindowDays); // the server's default window
    }

    [Fact]
    public void An_end_without_an_earlier_declaration_and_an_unknown_kind_are_rejected_with_the_fix()
    {
        const string csv = "date,kind,name,parties,note\n2008-01-01,ceasefire-ended,Nothing declared,,\n" +
                           "2008-01-02,truce,X,,\n2008-01-03,ceasefire-declared,Y,,\n2008-01-04,ceasefire-declared,Y,,\n";
        var file = EventFileReader.Read("ctx.csv", new StringReader(csv), ImportPresets.IraqContext);
        Assert.Equal([(2, "name"), (3, "kind"), (5, "name")], file.Rejections.Select(r => (r.Row, r.Column)));
        Assert.Contains("must follow its 'ceasefire-declared' row", file.Rejections[0].Reason);
        Assert.Contains("use anniversary, ceasefire-declared or ceasefire-ended", file.Rejections[1].Reason);
        Assert.Contains("already in force since row 4", file.Rejections[2].Reason);
        Assert.All(file.Events, e => Assert.Empty(e.Item.Parties!)); // empty parties: the whole theater
    }
}
