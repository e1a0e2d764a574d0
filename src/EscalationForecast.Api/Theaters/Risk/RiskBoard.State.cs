using System.Security.Cryptography;
using System.Text.Json;
using EscalationForecast.Api.Models;
using Marten;

namespace EscalationForecast.Api.Theaters.Risk;

public sealed partial class RiskBoard
{
    /// <summary>A theater's history as the board last read it, and the model its answers use.</summary>
    public sealed record LiveModel(ModelInputs Inputs, ModelFitted Fit);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LiveModel> _current = new();

    /// <summary>What the live answers of a theater are computed from (null until the board has computed one).</summary>
    public LiveModel? Current(string theaterId) => _current.GetValueOrDefault(theaterId);

    private sealed record StoreState(Dictionary<string, long> Streams, Dictionary<string, ModelFitted> Models);

    /// <summary>
    /// Every theater stream's version and every theater's current model. Theater ids have no colon: streams that
    /// do (<c>model:{id}</c>, <c>alert:{ruleId}</c>) are not theaters.
    /// </summary>
    private async Task<StoreState> StateAsync(CancellationToken ct)
    {
        var streams = new Dictionary<string, long>();
        await using (var command = database.CreateCommand(
            $"select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id not like '%:%'"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) streams[reader.GetString(0)] = reader.GetInt64(1);
        }
        await using var session = store.QuerySession();
        var models = (await session.Query<TheaterModel>().Where(m => m.Current != null).ToListAsync(ct))
            .ToDictionary(m => m.Id, m => m.Current!);
        return new StoreState(streams, models);
    }

    /// <summary>One theater's stream version (null without a stream) and current model.</summary>
    private async Task<(long? Version, ModelFitted? Model)> TheaterStateAsync(string theaterId, CancellationToken ct)
    {
        long? version = null;
        await using (var command = database.CreateCommand(
            $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = theaterId });
            if (await command.ExecuteScalarAsync(ct) is long v) version = v;
        }
        await using var session = store.QuerySession();
        return (version, (await session.LoadAsync<TheaterModel>(theaterId, ct))?.Current);
    }

    private async Task<Snapshot?> ComputeAsync(Key key, long version, ModelFitted? model, CancellationToken ct)
    {
        var now = clock.GetUtcNow(); // not rounded: an event recorded a moment ago belongs to "now"
        if (await histories.LoadAsync(key.TheaterId, now, ct) is not { } history) return null;
        var inputs = ModelInputs.From(history, now);
        // The recorded model answers while it knows the data's channels. A channel's first incident arrives before
        // the refit that learns it: until then the answer comes from a fit of the current data (kept by its key).
        var usable = model is not null && model.Model.Channels.SequenceEqual(inputs.History.Channels) ? model : null;
        if (usable is null && inputs.Incidents.Length < ModelFits.MinimumIncidents) return null;
        var fit = usable ?? await fits.ForAsync(inputs, ct);
        var atLeast = key.AtLeast.Split(',').Select(int.Parse).ToArray();
        _current[key.TheaterId] = new LiveModel(inputs, fit);
        var document = RiskCalculator.Compute(inputs, fit, now, key.HorizonDays, atLeast);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, json.Value.SerializerOptions);
        var snapshot = new Snapshot(document, bytes, ETagOf(bytes), version, fit.DataKey, now);
        if (_snapshots.Count < MaxSnapshots || _snapshots.ContainsKey(key)) _snapshots[key] = snapshot;
        if (key is { HorizonDays: 7, AtLeast: "1" }) metrics.RiskChanged(key.TheaterId, document.Score, document.ProbabilityAtLeastOne);
        return snapshot;
    }

    public static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";
}
