using System.Collections.Concurrent;
using System.Text.Json;
using EscalationForecast.Api.Forecasts.Fitting;
using EscalationForecast.Api.Forecasts.Risk;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Api.Theaters;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Forecasts.Live;

/// <summary>
/// The live risk answers ("now"), kept ready as serialised bytes with their ETag so that a wall of dashboards
/// polling every few seconds costs a dictionary lookup. Every <c>Risk:PollSeconds</c> each node checks the
/// theater streams and models (<see cref="TheaterStates"/>); a snapshot is recomputed when its theater gained events
/// or a new model, and every <c>Risk:RefreshSeconds</c> regardless, because the excitation decays and anniversaries
/// approach as time passes. Every theater's default answer (7 days, P(N ≥ 1)) is kept; other horizons are kept
/// once asked for.
/// </summary>
public sealed class RiskBoard(
    TheaterStates states, TheaterHistories histories, ModelFits fits, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, EscalationMetrics metrics, IConfiguration configuration,
    ILogger<RiskBoard> logger)
    : BackgroundService
{
    public sealed record Snapshot(RiskDocument Document, byte[] Json, string ETag, long StreamVersion, string ModelKey, DateTimeOffset ComputedAt);

    /// <summary>A theater's history as the board last read it, and the model its answers use.</summary>
    public sealed record LiveModel(ModelInputs Inputs, ModelFitted Fit);

    private readonly record struct Key(string TheaterId, int HorizonDays, string AtLeast);

    private readonly ConcurrentDictionary<Key, Snapshot> _snapshots = new();
    private readonly ConcurrentDictionary<string, LiveModel> _current = new();
    private readonly TimeSpan _poll = TimeSpan.FromSeconds(configuration.GetValue("Risk:PollSeconds", 2.0));
    private readonly TimeSpan _refresh = TimeSpan.FromSeconds(configuration.GetValue("Risk:RefreshSeconds", 60.0));
    private const int MaxSnapshots = 2_000;

    public TimeSpan PollInterval => _poll;

    /// <summary>The default answer of every theater that has one: what the theater list and the gauges show.</summary>
    public Snapshot? Default(string theaterId) => _snapshots.GetValueOrDefault(new Key(theaterId, 7, "1"));

    /// <summary>What the live answers of a theater are computed from (null until the board has computed one).</summary>
    public LiveModel? Current(string theaterId) => _current.GetValueOrDefault(theaterId);

    /// <summary>The current answer, computed now when it is not kept yet (null when the theater has no model).</summary>
    public async Task<Snapshot?> GetAsync(string theaterId, int horizonDays, int[] atLeast, CancellationToken ct)
    {
        var key = new Key(theaterId, horizonDays, string.Join(',', atLeast));
        if (_snapshots.TryGetValue(key, out var kept)) return kept;
        var (version, model) = await states.ReadAsync(theaterId, ct);
        return version is { } v ? await ComputeAsync(key, v, model, ct) : null;
    }

    /// <summary>
    /// The current answer as of this call: like <see cref="GetAsync"/>, but a kept answer is recomputed first when
    /// the theater gained events or a model since, or when it is older than <c>Risk:RefreshSeconds</c>. Alert
    /// evaluation reads this, so a trigger that fires right after a write never sees the answer from before it.
    /// </summary>
    public async Task<Snapshot?> CurrentAsync(string theaterId, int horizonDays, int[] atLeast, CancellationToken ct)
    {
        var key = new Key(theaterId, horizonDays, string.Join(',', atLeast));
        var (version, model) = await states.ReadAsync(theaterId, ct);
        if (version is not { } v) return null;
        var kept = _snapshots.GetValueOrDefault(key);
        return IsFresh(kept, v, model, clock.GetUtcNow()) ? kept : await ComputeAsync(key, v, model, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_poll, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing the live risk answers failed; retrying in {Poll}", _poll);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var state = await states.ReadAsync(ct);
        var now = clock.GetUtcNow();
        var keys = state.Streams.Keys.Select(id => new Key(id, 7, "1")).Union(_snapshots.Keys).ToArray();
        foreach (var key in keys)
        {
            if (!state.Streams.TryGetValue(key.TheaterId, out var version)) continue;
            var model = state.Models.GetValueOrDefault(key.TheaterId);
            if (!IsFresh(_snapshots.GetValueOrDefault(key), version, model, now)) await ComputeAsync(key, version, model, ct);
        }
    }

    private bool IsFresh(Snapshot? kept, long version, ModelFitted? model, DateTimeOffset now) =>
        kept is not null && kept.StreamVersion == version && (model is null || kept.ModelKey == model.DataKey) && now - kept.ComputedAt < _refresh;

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
        var snapshot = new Snapshot(document, bytes, ETags.Of(bytes), version, fit.DataKey, now);
        if (_snapshots.Count < MaxSnapshots || _snapshots.ContainsKey(key)) _snapshots[key] = snapshot;
        if (key is { HorizonDays: 7, AtLeast: "1" }) metrics.RiskChanged(key.TheaterId, document.Score, document.ProbabilityAtLeastOne);
        return snapshot;
    }
}
