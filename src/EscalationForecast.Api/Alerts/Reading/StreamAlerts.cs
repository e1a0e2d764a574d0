using System.Globalization;
using System.Text.Json;
using EscalationForecast.Api.Http;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Alerts.Reading;

/// <summary>
/// <c>GET /api/v1/alerts/stream</c>: the alerts as Server-Sent Events (<c>id:</c> the sequence, <c>event:</c> the
/// kind, <c>data:</c> the alert as JSON). It starts after <c>Last-Event-ID</c> (a reconnecting browser sends it),
/// else after <c>?afterSequence=</c>, else at the present (new alerts only). Each open stream polls the store
/// every <c>Alerting:StreamPollMilliseconds</c> (one indexed query, and only when the high-water mark moved), so
/// it sees alerts raised on any node; a comment line every <c>Alerting:HeartbeatSeconds</c> keeps proxies from
/// closing it.
/// </summary>
public static class StreamAlerts
{
    private static readonly JsonSerializerOptions Json = JsonConfiguration.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static async Task Handle(HttpContext context, AlertLog log, IOptions<AlertingOptions> options, CancellationToken ct)
    {
        var request = context.Request;
        var resume = request.Headers["Last-Event-ID"].ToString();
        long after;
        if (resume.Length > 0 || request.Query.ContainsKey("afterSequence"))
        {
            var text = resume.Length > 0 ? resume : request.Query["afterSequence"].ToString();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                await Problems.BadRequest("'Last-Event-ID' (or 'afterSequence') must be the non-negative sequence of the last alert received.").ExecuteAsync(context);
                return;
            }
        }
        else
        {
            after = await log.HighWaterMarkAsync(ct);
        }

        var settings = options.Value;
        var poll = TimeSpan.FromMilliseconds(Math.Max(50, settings.StreamPollMilliseconds));
        var heartbeat = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        await response.WriteAsync($"retry: 2000\n: alerts after {after}\n\n", ct);
        await response.Body.FlushAsync(ct);

        var lastWrite = DateTimeOffset.UtcNow;
        var seenMark = -1L;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var mark = await log.HighWaterMarkAsync(ct);
                if (mark > after && mark != seenMark)
                {
                    var page = await log.ReadAsync(after, 500, null, null, ct, mark);
                    foreach (var alert in page)
                    {
                        await response.WriteAsync($"id: {alert.Sequence}\nevent: {alert.Kind}\ndata: {JsonSerializer.Serialize(alert, Json)}\n\n", ct);
                        after = alert.Sequence;
                    }
                    if (page.Count == 500) continue; // more to send at once
                    seenMark = mark;
                    if (page.Count > 0)
                    {
                        await response.Body.FlushAsync(ct);
                        lastWrite = DateTimeOffset.UtcNow;
                    }
                }
                if (DateTimeOffset.UtcNow - lastWrite >= heartbeat)
                {
                    await response.WriteAsync(": heartbeat\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    lastWrite = DateTimeOffset.UtcNow;
                }
                await Task.Delay(poll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
    }
}
