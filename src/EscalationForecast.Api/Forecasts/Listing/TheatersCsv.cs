using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Forecasts.Listing;

/// <summary>The theater list as CSV, one record per theater; its channels joined by <c>;</c>. ETag and <c>304</c> as the JSON list.</summary>
public static class TheatersCsv
{
    public static IResult Answer(HttpContext context, IEnumerable<TheaterSummary> theaters) =>
        Csv.Cached(context, theaters, Columns, "no-cache");

    private static readonly CsvColumn<TheaterSummary>[] Columns =
    [
        new("id", t => t.Id),
        new("name", t => t.Name),
        new("description", t => t.Description),
        new("channels", t => string.Join(';', t.Channels)),
        new("incidentCount", t => t.IncidentCount),
        new("eventCount", t => t.EventCount),
        new("lastIncidentAt", t => t.LastIncidentAt),
        new("riskLevel", t => t.RiskLevel),
        new("score", t => t.Score),
        new("probabilityAtLeastOne", t => t.ProbabilityAtLeastOne),
        new("expectedEvents", t => t.ExpectedEvents),
    ];
}
