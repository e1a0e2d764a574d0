using EscalationForecast.Api.Http;
using Microsoft.AspNetCore.Http;

namespace EscalationForecast.Api.Tests.Http;

/// <summary>RFC 4180 fields and records, and when a caller is answered CSV rather than JSON.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("line\nfeed", "\"line\nfeed\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_only_when_it_must_be_with_quotes_doubled(string text, string expected) =>
        Assert.Equal(expected, CsvWriter.Field(text));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string text, string expected) =>
        Assert.Equal(expected, CsvWriter.Field(text));

    [Fact]
    public void A_negative_number_stays_a_number() => Assert.Equal("-1.5", CsvWriter.Field(-1.5));

    [Fact]
    public void Values_are_written_invariantly_and_null_is_empty()
    {
        Assert.Equal("0.1", CsvWriter.Field(0.1));
        Assert.Equal("2020-12-20", CsvWriter.Field(new DateOnly(2020, 12, 20)));
        Assert.Equal("2020-12-20T18:00:00Z", CsvWriter.Field(new DateTimeOffset(2020, 12, 20, 20, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("true", CsvWriter.Field(true));
        Assert.Equal("", CsvWriter.Field(null));
        Assert.Equal("NaN", CsvWriter.Field(double.NaN));
    }

    [Fact]
    public void Records_have_a_header_and_end_in_crlf()
    {
        (int N, string S)[] rows = [(1, "a,b"), (2, "c")];
        CsvColumn<(int N, string S)>[] columns = [new("n", r => r.N), new("text, quoted", r => r.S)];
        var bytes = CsvWriter.Bytes(rows, columns);
        Assert.Equal("n,\"text, quoted\"\r\n1,\"a,b\"\r\n2,c\r\n", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("text/csv", null, true)]
    [InlineData("application/json", null, false)]
    [InlineData("text/html,*/*", null, false)]
    [InlineData("application/json;q=0.5, text/csv", null, true)]
    [InlineData("text/csv;q=0.2, application/json", null, false)]
    [InlineData("", "csv", true)]
    [InlineData("text/csv", "json", false)]
    [InlineData("", "CSV", true)]
    public void Csv_is_wanted_by_format_or_by_an_accept_that_prefers_it(string accept, string? format, bool wanted)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = accept;
        if (format is not null) context.Request.QueryString = new QueryString($"?format={format}");
        Assert.Equal(wanted, Csv.Wanted(context));
    }
}
