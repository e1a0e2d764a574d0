using EscalationForecast.Api.Theaters;
using System.Text.Json;
using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Forecasts.Live;
using EscalationForecast.Api.Http;
using Marten;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Forecasts.Listing;

public sealed record TheaterSummary(
    string Id, string? Name, string? Description, IReadOnlyList<string> Channels,
    int IncidentCount, int EventCount, DateTimeOffset? LastIncidentAt,
    string? RiskLevel, int? Score, double? ProbabilityAtLeastOne, double? ExpectedEvents);

/// <summary>
/// <c>GET /api/v1/theaters</c>: every theater the store has seen, from the theater projection, with its current
/// risk (7-day horizon) from the live board; the risk fields are null while a theater has no model. The answer
/// carries an ETag and is <c>304</c> on <c>If-None-Match</c>, so a dashboard polling it costs no body until a
/// theater's counts or risk change. The list is answered whole (<c>next</c> is null), and includes every write
/// this node answered (and <c>minSequence</c>'s, see <see cref="ProjectionWaits"/>).
/// </summary>
public static class GetTheaters
{
    public static async Task<IResult> Handle(HttpContext context, IQuerySession session, RiskBoard board, ProjectionWaits waits,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (Csv.FormatError(context) is { } formatError) return Problems.BadRequest(formatError);
        if (await waits.WaitAsync(context, ct) is { } notYet) return notYet;
        var theaters = await session.Query<TheaterView>().OrderBy(t => t.Id).ToListAsync(ct);
        var list = ListPage.Whole(theaters.Select(t =>
        {
            var risk = board.Default(t.Id)?.Document;
            return new TheaterSummary(t.Id, t.Name, t.Description, t.Channels, t.Incidents, t.Events, t.LastIncidentAt,
                risk?.RiskLevel, risk?.Score, risk?.ProbabilityAtLeastOne, risk?.ExpectedEvents);
        }).ToArray());
        if (Csv.Wanted(context)) return TheatersCsv.Answer(context, list.Items);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(list, json.Value.SerializerOptions);
        return ETags.Answer(context, bytes, ETags.Of(bytes), "no-cache");
    }
}
