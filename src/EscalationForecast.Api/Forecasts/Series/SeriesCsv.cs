using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Forecasts.Series;

/// <summary>A series as CSV: <c>date,count,severity,intensity</c>, one record per day (the channel, when asked for, in a column of its own).</summary>
public static class SeriesCsv
{
    public static IResult Answer(SeriesPage page) => Csv.Of(page.Items.Select(p => (page.TheaterId, page.Channel, Point: p)), Columns);

    private static readonly CsvColumn<(string TheaterId, string? Channel, SeriesPoint Point)>[] Columns =
    [
        new("theaterId", r => r.TheaterId),
        new("channel", r => r.Channel),
        new("date", r => r.Point.Date),
        new("count", r => r.Point.Count),
        new("severity", r => r.Point.Severity),
        new("intensity", r => r.Point.Intensity),
    ];
}
