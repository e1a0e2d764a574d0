using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using EscalationForecast.Api.Models;
using EscalationForecast.Api.Models.Lifecycle;
using EscalationForecast.Api.Operations.Telemetry;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine;

namespace EscalationForecast.Api.Theaters.Risk;

/// <summary>
/// The live risk answers ("now"), kept ready as serialised bytes with their ETag so that a wall of dashboards
/// polling every few seconds costs a dictionary lookup. Every <c>Risk:PollSeconds</c> each node checks the
/// theater streams and models (one small query each); a snapshot is recomputed when its theater gained events
/// or a new model, and every <c>Risk:RefreshSeconds</c> regardless, because the excitation decays and
/// anniversaries approach as time passes. Every theater's default answer (7 days, P(N ≥ 1)) is kept; other
/// horizons are kept once asked for. When a new day begins, a model that observed the theater only up to an
/// earlier day is sent for a refit (the handler skips it when another node already did it).
/// </summary>
public sealed partial class RiskBoard(
    IDocumentStore store, NpgsqlDataSource database, TheaterHistories histories, ModelFits fits, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, EscalationMetrics metrics, IConfiguration configuration,
    ILogger<RiskBoard> logger)
    : BackgroundService
{
    public sealed record Snapshot(RiskDocument Document, byte[] Json, string ETag, long StreamVersion, string ModelKey, DateTimeOffset ComputedAt);

    private readonly record struct Key(string TheaterId, int HorizonDays, string AtLeast);

    private readonly ConcurrentDictionary<Key, Snapshot> _snapshots = new();
    private readonly TimeSpan _poll = TimeSpan.FromSeconds(configuration.GetValue("Risk:PollSeconds", 2.0));
    private readonly TimeSpan _refresh = TimeSpan.FromSeconds(configuration.GetValue("Risk:RefreshSeconds", 60.0));
    private const int MaxSnapshots = 2_000;

    public TimeSpan PollInterval => _poll;

    /// <summary>The default answer of every theater that has one: what the theater list and the gauges show.</summary>
    public Snapshot? Default(string theaterId) => _snapshots.GetValueOrDefault(new Key(theaterId, 7, "1"));

    /// <summary>The current answer, computed now when it is not kept yet (null when the theater has no model).</summary>
    public async Task<Snapshot?> GetAsync(string theaterId, int horizonDays, int[] atLeast, CancellationToken ct)
    {
        var key = new Key(theaterId, horizonDays, string.Join(',', atLeast));
        if (_snapshots.TryGetValue(key, out var kept)) return kept;
        var (version, model) = await TheaterStateAsync(theaterId, ct);
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
        var (version, model) = await TheaterStateAsync(theaterId, ct);
        if (version is not { } v) return null;
        var kept = _snapshots.GetValueOrDefault(key);
        var fresh = kept is not null && kept.StreamVersion == v && (model is null || kept.ModelKey == model.DataKey)
                    && clock.GetUtcNow() - kept.ComputedAt < _refresh;
        return fresh ? kept : await ComputeAsync(key, v, model, ct);
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

    private readonly Dictionary<string, double> _refitRequested = new();

    private async Task RefitStaleModelsAsync(StoreState state, DateTimeOffset now)
    {
        var today = Math.Floor(ModelInputs.Days(now));
        foreach (var (theaterId, model) in state.Models)
        {
            if (ModelInputs.Days(model.DataThrough) >= today || _refitRequested.GetValueOrDefault(theaterId) >= today) continue;
            _refitRequested[theaterId] = today;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new RefitTheater(theaterId));
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var state = await StateAsync(ct);
        var now = clock.GetUtcNow();
        await RefitStaleModelsAsync(state, now);
        var keys = state.Streams.Keys.Select(id => new Key(id, 7, "1")).Union(_snapshots.Keys).ToArray();
        foreach (var key in keys)
        {
            if (!state.Streams.TryGetValue(key.TheaterId, out var version)) continue;
            var model = state.Models.GetValueOrDefault(key.TheaterId);
            var kept = _snapshots.GetValueOrDefault(key);
            if (kept is null || kept.StreamVersion != version || (model is not null && kept.ModelKey != model.DataKey) || now - kept.ComputedAt >= _refresh)
            {
                await ComputeAsync(key, version, model, ct);
            }
        }
    }
}
