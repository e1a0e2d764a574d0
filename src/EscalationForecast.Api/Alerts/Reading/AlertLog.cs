using System.Text.Json;
using EscalationForecast.Api.Storage.EventTables;
using JasperFx.Events.Projections;
using Marten;

namespace EscalationForecast.Api.Alerts.Reading;

/// <summary>An alert as listed and streamed: the stored event with its global sequence and kind.</summary>
public sealed record AlertItem(
    long Sequence, string AlertId, string RuleId, string TheaterId, string Kind, string Metric, int HorizonDays,
    double Value, double Threshold, double ClearBelow, DateTimeOffset At);

/// <summary>
/// Reads breaches and clearances in global sequence order, only up to the event store's high-water mark (the
/// highest sequence below which every transaction has committed, kept by Marten's async daemon). A transaction
/// that took a lower sequence may commit after a higher one; reading past the mark could then skip it for good,
/// so paging by <c>afterSequence</c> and resuming a stream never miss an alert. The cost is the daemon's
/// polling delay (a fraction of a second) before an alert becomes visible here.
/// </summary>
public sealed class AlertLog(EventTableReader tables, IDocumentStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Types = [AlertKinds.RaisedType, AlertKinds.ClearedType];

    public async Task<long> HighWaterMarkAsync(CancellationToken ct) =>
        (await store.Storage.Database.AllProjectionProgress(ct)).FirstOrDefault(s => s.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;

    /// <param name="highWaterMark">the mark the caller has just read, or null to read it now</param>
    public async Task<List<AlertItem>> ReadAsync(long afterSequence, int limit, string? theaterId, string? ruleId, CancellationToken ct,
        long? highWaterMark = null)
    {
        var page = await tables.ReadAsync(new RawEventQuery(afterSequence, limit, Types)
        {
            UpToSequence = highWaterMark ?? await HighWaterMarkAsync(ct),
            StreamKey = ruleId is null ? null : AlertStreams.Of(ruleId),
            Having = theaterId is null ? null : ("theaterId", theaterId),
        }, ct);
        return page.Select(row =>
        {
            var e = JsonSerializer.Deserialize<AlertRaised>(row.Json, Json)!; // both kinds share the shape
            return new AlertItem(row.Sequence, e.AlertId, e.RuleId, e.TheaterId, AlertKinds.Of(row.Type), e.Metric, e.HorizonDays,
                e.Value, e.Threshold, e.ClearBelow, e.At);
        }).ToList();
    }
}
