using EscalationForecast.Client.Csv;

namespace EscalationForecast.Client.Tests.Csv;

public class CsvParserTests
{
    private static List<CsvRecord> Parse(string text) => CsvParser.Parse(new StringReader(text)).ToList();

    private static string[][] Fields(string text) => Parse(text).Select(r => r.Fields.ToArray()).ToArray();

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = Fields("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n");
        Assert.Equal([["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"]], records);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n")]
    [InlineData("a,b\n1,2\n")]
    [InlineData("a,b\r1,2\r")]
    [InlineData("a,b\r\n1,2")]
    public void Every_line_ending_ends_a_record_with_or_without_a_final_break(string text) =>
        Assert.Equal([["a", "b"], ["1", "2"]], Fields(text));

    [Fact]
    public void Empty_fields_survive_including_trailing_ones()
    {
        Assert.Equal([["", "x", ""], ["", "", ""]], Fields(",x,\n,,\n"));
        Assert.Equal([[""]], Fields("\"\"\n"));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_numbered_like_spreadsheet_rows()
    {
        var records = Parse("h\n\n1\r\n\r\n2\n");
        Assert.Equal([1, 3, 5], records.Select(r => r.Row));
        Assert.Equal(["h", "1", "2"], records.Select(r => r.Fields[0]));
    }

    [Fact]
    public void A_quoted_line_break_advances_the_line_but_not_the_row()
    {
        var records = Parse("h\n\"a\nb\"\nc\n");
        Assert.Equal([(1, 1), (2, 2), (3, 4)], records.Select(r => (r.Row, r.Line)));
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_field_is_kept_literally()
    {
        var record = Assert.Single(Parse("5\" pipe,x"));
        Assert.Equal(["5\" pipe", "x"], record.Fields);
        Assert.Null(record.Error);
    }

    [Fact]
    public void Text_after_a_closing_quote_marks_only_that_record_as_malformed()
    {
        var records = Parse("h1,h2\n\"ab\"c,d\n1,2\n");
        Assert.Contains("after the closing quote of field 1", records[1].Error);
        Assert.Null(records[2].Error);
        Assert.Equal(["1", "2"], records[2].Fields);
    }

    [Fact]
    public void An_unterminated_quote_is_reported_with_the_line_it_opened_on()
    {
        var records = Parse("h1,h2\n1,\"never closed\n2,3\n");
        Assert.Equal(2, records.Count);
        Assert.Contains("opened on line 2 is never closed", records[1].Error);
    }

    [Fact]
    public void Empty_input_has_no_records() => Assert.Empty(Parse(""));

    [Fact]
    public void Records_longer_than_the_read_buffer_are_parsed_whole()
    {
        var big = new string('x', 40_000);
        Assert.Equal([[big, "\"" + big]], Fields($"{big},\"\"\"{big}\"\n"));
    }
}
