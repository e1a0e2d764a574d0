using EscalationForecast.Api.Theaters.Risk;
using Marten;

namespace EscalationForecast.Api.Theaters.Listing;

public sealed record TheaterSummary(
    string Id, string? Name, string? Description, IReadOnlyList<string> Channels,
    int IncidentCount, int EventCount, DateTimeOffset? LastIncidentAt,
    string? RiskLevel, int? Score, double? ProbabilityAtLeastOne, double? ExpectedEvents);

/// <summary>
/// <c>GET /api/v1/theaters</c>: every theater the store has seen, from the theater projection, with its current
/// risk (7-day horizon) from the live board; the risk fields are null while a theater has no model.
/// </summary>
public static class GetTheaters
{
    public static async Task<TheaterList> Handle(IQuerySession session, RiskBoard board, CancellationToken ct)
    {
        var theaters = await session.Query<TheaterView>().OrderBy(t => t.Id).ToListAsync(ct);
        return new TheaterList(theaters.Select(t =>
        {
            var risk = board.Default(t.Id)?.Document;
            return new TheaterSummary(t.Id, t.Name, t.Description, t.Channels, t.Incidents, t.Events, t.LastIncidentAt,
                risk?.RiskLevel, risk?.Score, risk?.ProbabilityAtLeastOne, risk?.ExpectedEvents);
        }).ToArray(), null);
    }
}

public sealed record TheaterList(IReadOnlyList<TheaterSummary> Items, long? Next);
