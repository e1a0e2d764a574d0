using Marten;

namespace EscalationForecast.Api.Theaters.Listing;

public sealed record TheaterSummary(
    string Id, string? Name, string? Description, IReadOnlyList<string> Channels,
    int IncidentCount, int EventCount, DateTimeOffset? LastIncidentAt);

/// <summary><c>GET /api/v1/theaters</c>: every theater the store has seen, from the theater projection.</summary>
public static class GetTheaters
{
    public static async Task<TheaterList> Handle(IQuerySession session, CancellationToken ct)
    {
        var theaters = await session.Query<TheaterView>().OrderBy(t => t.Id).ToListAsync(ct);
        return new TheaterList(theaters.Select(t => new TheaterSummary(
            t.Id, t.Name, t.Description, t.Channels, t.Incidents, t.Events, t.LastIncidentAt)).ToArray(), null);
    }
}

public sealed record TheaterList(IReadOnlyList<TheaterSummary> Items, long? Next);
