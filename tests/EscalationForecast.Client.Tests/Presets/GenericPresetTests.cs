using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Tests.Presets;

public class GenericPresetTests
{
    private static EventFile Read(string csv, ColumnMapping mapping, string fileName = "events.csv") =>
        EventFileReader.Read(fileName, new StringReader(csv), new GenericPreset(mapping));

    [Fact]
    public void Usual_column_names_are_found_without_options()
    {
        const string csv = "id,theaterId,occurredAt,channel,category,actor,target,severity,fatalities,lat,lng,place\n" +
                           "e-1,gaza,2023-10-07T06:30:00+03:00,militia,rocket,A,B,4,12,31.5,34.47,Gaza City\n";
        var item = Assert.Single(Read(csv, new ColumnMapping()).Events).Item;
        Assert.Equal(("e-1", "gaza", "2023-10-07T03:30:00Z", "militia", "rocket"),
            (item.Id, item.TheaterId, item.OccurredAt, item.Channel, item.Category));
        Assert.Equal(("A", "B", 4, 12), (item.Actor, item.Target, item.Severity, item.Fatalities));
        Assert.Equal(new(31.5, 34.47, "Gaza City"), item.Location);
    }

    [Fact]
    public void Chosen_columns_and_a_fixed_theater_and_channel_override_the_defaults()
    {
        const string csv = "when,what,x,y\n2020-12-20,IED,44.1,33.2\n";
        var mapping = new ColumnMapping
        {
            DateColumn = "when", CategoryColumn = "what", LatitudeColumn = "y", LongitudeColumn = "x",
            Theater = "north", Channel = "insurgent",
        };
        var item = Assert.Single(Read(csv, mapping, "c:\\data\\my file.csv").Events).Item;
        Assert.Equal(("my file:2", "north", "insurgent", "2020-12-20", "IED"),
            (item.Id, item.TheaterId, item.Channel, item.OccurredAt, item.Category));
        Assert.Equal(new(33.2, 44.1), item.Location);
    }

    [Theory]
    [InlineData("date\n2020-01-01\n", null, null, "theaterId", "no theater")]
    [InlineData("date,theater\n2020-01-01,t\n", "when", null, "when", "not in the header")]
    [InlineData("date,lat\n2020-01-01,3\n", null, "t", "lat", "one coordinate column")]
    public void A_header_that_cannot_work_is_refused_once_with_the_fix(
        string csv, string? dateColumn, string? theater, string column, string why)
    {
        var file = Read(csv, new ColumnMapping { DateColumn = dateColumn, Theater = theater });
        var problem = file.FileProblem!;
        Assert.Equal((1, column, 0), (problem.Row, problem.Column, file.Rows));
        Assert.Contains(why, problem.Reason);
    }

    [Theory]
    [InlineData("2020-12-20T18:00:00,t,", "date", "add 'Z' for UTC")]
    [InlineData("20/12/2020,t,", "date", "yyyy-MM-dd")]
    [InlineData("2020-12-20,Baghdad City,", "theater", "not a theater id")]
    [InlineData("2020-12-20,t,9", "severity", "from 1 to 5")]
    public void Bad_cells_are_rejected_naming_the_column_and_the_fix(string row, string column, string why)
    {
        var file = Read($"date,theater,severity\n2020-12-19,t,1\n{row}\n", new ColumnMapping());
        var rejection = Assert.Single(file.Rejections);
        Assert.Equal((3, column), (rejection.Row, rejection.Column));
        Assert.Contains(why, rejection.Reason);
        Assert.Equal(2, Assert.Single(file.Events).Row);
    }

    [Fact]
    public void A_fixed_theater_must_be_a_valid_id()
    {
        var file = Read("date\n2020-01-01\n", new ColumnMapping { Theater = "Not Valid" });
        Assert.Contains("not a valid id", file.FileProblem!.Reason);
    }
}
