namespace EscalationForecast.Api.Theaters.Replaying;

/// <summary>
/// <c>POST /api/v1/admin/replay</c> starts rebuilding the projections from the events (202, or the running
/// job's status); <c>GET</c> reports its progress. The <c>forecast replay</c> command drives both.
/// </summary>
public static class ReplayEndpoints
{
    public static IResult Start(ReplayJob job) =>
        TypedResults.Accepted("/api/v1/admin/replay", job.Start());

    public static async Task<ReplayStatus> Status(ReplayJob job, CancellationToken ct) => await job.StatusAsync(ct);
}
