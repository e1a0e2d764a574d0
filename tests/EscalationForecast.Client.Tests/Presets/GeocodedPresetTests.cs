using System.Text.Json;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Presets;

public class GeocodedPresetTests
{
    [Fact]
    public void Every_insurgent_row_becomes_one_incident_and_none_is_rejected()
    {
        var file = SampleFiles.InsurgentFile;
        Assert.Equal(68_573, SampleFiles.DataRows(SampleFiles.Insurgent));
        Assert.Equal(68_573, file.Rows);
        Assert.Empty(file.Rejections);
        Assert.Equal(file.Rows, file.Events.Count);
        Assert.Equal(file.Rows, file.RowsMapped + file.Rejections.Select(r => r.Row).Distinct().Count());
        Assert.All(file.Events, e => Assert.Equal(("incident", "insurgent"), (e.Item.Type, e.Item.Channel)));
        Assert.Equal(["IED", "SAF", "other"], file.Events.Select(e => e.Item.Category!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Insurgent_theaters_match_counts_computed_independently_from_the_boxes()
    {
        // Counted with awk over the raw file using the documented boxes (±0.25 degrees, the nearer centre in an overlap).
        var expected = new Dictionary<string, int>
        {
            ["iraq-baghdad"] = 23_349, ["iraq-mosul"] = 8_315, ["iraq-baqubah"] = 5_382,
            ["iraq-fallujah"] = 3_007, ["iraq-ramadi"] = 1_452, ["iraq-other"] = 27_068,
        };
        var actual = SampleFiles.InsurgentFile.Events.CountBy(e => e.Item.TheaterId).ToDictionary();
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData(2, "iraq-baqubah", 33.75769, 44.84667)]
    [InlineData(4, "iraq-ramadi", 33.42694, 43.32519)]
    [InlineData(15, "iraq-mosul", 36.33495, 43.09517)]
    [InlineData(21, "iraq-fallujah", 33.34525, 43.76564)]
    [InlineData(26, "iraq-baqubah", 33.75761, 44.60793)]
    [InlineData(1235, "iraq-baghdad", 33.30248, 44.36625)]
    public void Known_rows_land_in_their_city_with_latitude_and_longitude_the_right_way_round(
        int row, string theater, double lat, double lon)
    {
        var item = SampleFiles.InsurgentFile.Events.Single(e => e.Row == row).Item;
        Assert.Equal(theater, item.TheaterId);
        Assert.Equal(new GeoLocation(lat, lon), item.Location);
        Assert.Equal($"iraq-2007-2008-insurgent-attacks:{row}", item.Id);
    }

    [Fact]
    public void Airstrikes_go_to_the_coalition_channel_with_their_type_as_category()
    {
        var file = SampleFiles.AirstrikesFile;
        Assert.Equal((3_938, 3_938), (file.Rows, file.Events.Count));
        Assert.Empty(file.Rejections);
        Assert.All(file.Events, e => Assert.Equal("coalition", e.Item.Channel));
        Assert.Equal(["Airstrike", "SOF"], file.Events.Select(e => e.Item.Category!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(IraqCityTheaters.CityTheaterIds.Append(IraqCityTheaters.Other).Order(),
            file.Events.Select(e => e.Item.TheaterId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reading_a_file_twice_gives_the_same_ids_and_content()
    {
        var again = SampleFiles.Read(SampleFiles.Airstrikes, ImportPresets.IraqAirstrikes);
        Assert.Equal(Json(SampleFiles.AirstrikesFile), Json(again));
        Assert.Equal(again.Events.Count, again.Events.Select(e => e.Item.Id).Distinct().Count());
    }

    [Fact]
    public void Bad_rows_are_rejected_with_row_and_column_and_the_good_ones_kept()
    {
        const string csv = "date,longitude,latitude,type\n2007-02-23,44.37,33.31,IED\n2007/02/24,44.37,33.31,IED\n" +
                           "2007-02-25,44.37,,IED\n2007-02-26,NA,33.31,SAF\n2007-02-27,44.37,33.31,IED,extra\n2007-02-28,44.37,33.31,\n";
        var file = EventFileReader.Read("attacks.csv", new StringReader(csv), ImportPresets.IraqInsurgent);
        Assert.Equal(6, file.Rows);
        Assert.Equal([2, 7], file.Events.Select(e => e.Row));
        Assert.Null(file.Events[1].Item.Category);
        Assert.Equal([(3, "date"), (4, "latitude"), (5, "longitude"), (6, null)],
            file.Rejections.Select(r => (r.Row, r.Column)));
        Assert.Contains("yyyy-MM-dd", file.Rejections[0].Reason);
        Assert.Contains("5 fields but the header has 4", file.Rejections[3].Reason);
    }

    [Fact]
    public void A_header_without_a_needed_column_stops_the_file_once_naming_the_column()
    {
        var file = EventFileReader.Read("x.csv", new StringReader("\ndate,lon,latitude,type\n2007-02-23,44,33,IED\n"),
            ImportPresets.IraqInsurgent);
        var problem = file.FileProblem!;
        Assert.Equal((2, "longitude", 0), (problem.Row, problem.Column, file.Rows)); // the header follows a blank line
        Assert.Contains("'lon'", problem.Reason);
        Assert.Empty(file.Rejections);
    }

    [Fact]
    public void An_empty_file_is_a_file_problem_and_a_header_alone_is_an_empty_import()
    {
        Assert.Contains("empty", EventFileReader.Read("e.csv", new StringReader(""), ImportPresets.IraqInsurgent).FileProblem!.Reason);
        var headerOnly = EventFileReader.Read("h.csv", new StringReader("date,longitude,latitude,type\r\n"), ImportPresets.IraqInsurgent);
        Assert.Equal((0, 0, null), (headerOnly.Rows, headerOnly.Events.Count, headerOnly.FileProblem));
    }

    private static string Json(EventFile file) => JsonSerializer.Serialize(file.Events.Select(e => e.Item), EventJson.Options);
}
