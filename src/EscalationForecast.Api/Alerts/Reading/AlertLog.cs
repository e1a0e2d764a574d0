using System.Text.Json;
using Marten;
using Npgsql;

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
public sealed class AlertLog(NpgsqlDataSource database, IDocumentStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string Schema => store.Options.Events.DatabaseSchemaName;

    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select coalesce(max(last_seq_id), 0) from {Schema}.mt_event_progression where name = 'HighWaterMark'");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<List<AlertItem>> ReadAsync(long afterSequence, int limit, string? theaterId, string? ruleId, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            select seq_id, type, data::text from {Schema}.mt_events
            where seq_id > $1 and seq_id <= (select coalesce(max(last_seq_id), 0) from {Schema}.mt_event_progression where name = 'HighWaterMark')
              and type = any($2) and ($3::text is null or data->>'theaterId' = $3) and ($4::text is null or stream_id = $4)
            order by seq_id limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { AlertKinds.RaisedType, AlertKinds.ClearedType } });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)theaterId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = ruleId is null ? DBNull.Value : AlertStreams.Of(ruleId), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var items = new List<AlertItem>(Math.Min(limit, 256));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var e = JsonSerializer.Deserialize<AlertRaised>(reader.GetString(2), Json)!; // both kinds share the shape
            var kind = reader.GetString(1) == AlertKinds.RaisedType ? AlertKinds.Breached : AlertKinds.Cleared;
            items.Add(new AlertItem(reader.GetInt64(0), e.AlertId, e.RuleId, e.TheaterId, kind, e.Metric, e.HorizonDays,
                e.Value, e.Threshold, e.ClearBelow, e.At));
        }
        return items;
    }
}
