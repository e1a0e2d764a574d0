using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Lifecycle;
using EscalationForecast.Api.Storage.EventTables;
using Marten;

namespace EscalationForecast.Api.Forecasts.Live;

/// <summary>
/// Where theaters stand in the store: each theater stream's version and each theater's current model. The live
/// board reads all of them every poll (two small queries) and one of them when a question finds no kept answer.
/// </summary>
public sealed class TheaterStates(IDocumentStore store, EventTableReader tables)
{
    public sealed record Everything(IReadOnlyDictionary<string, long> Streams, IReadOnlyDictionary<string, ModelFitted> Models);

    /// <summary>Theater ids have no colon: streams that do (<c>model:{id}</c>, <c>alert:{ruleId}</c>) are not theaters.</summary>
    public async Task<Everything> ReadAsync(CancellationToken ct)
    {
        var streams = await tables.StreamVersionsAsync(':', ct);
        await using var session = store.QuerySession();
        var models = (await session.Query<TheaterModel>().Where(m => m.Current != null).ToListAsync(ct))
            .ToDictionary(m => m.Id, m => m.Current!);
        return new Everything(streams, models);
    }

    /// <summary>One theater's stream version (null without a stream) and current model.</summary>
    public async Task<(long? Version, ModelFitted? Model)> ReadAsync(string theaterId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stream = await session.Events.FetchStreamStateAsync(theaterId, ct);
        return (stream?.Version, (await session.LoadAsync<TheaterModel>(theaterId, ct))?.Current);
    }
}
