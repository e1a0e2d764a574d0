using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Hawkes;
using EscalationForecast.Api.Theaters;
using Marten;

namespace EscalationForecast.Api.Models;

/// <summary>The engine call, replaceable so a test can make a fit fail.</summary>
public delegate HawkesFit FitEngine(EventHistory history, Covariates covariates, FitOptions options);

/// <summary>
/// Fits on exactly the data of <see cref="ModelInputs"/>, reusing any fit recorded on the same data
/// (<see cref="CachedFit"/>, shared through the database) and never fitting the same data twice at once.
/// A fit is deterministic, so the same data gives the same model, byte for byte.
/// </summary>
public sealed class ModelFits(IDocumentStore store, FitEngine engine, TimeProvider clock, EscalationMetrics metrics)
{
    /// <summary>Fewer incidents than this give no model: the risk answer says so rather than guess.</summary>
    public const int MinimumIncidents = 5;

    private readonly ConcurrentDictionary<string, Lazy<Task<ModelFitted>>> _recent = new();

    /// <summary>What a theater looked like at (<c>asOf</c>, <c>knownAt</c>) and the model fitted on exactly that.</summary>
    public sealed record OnData(ModelInputs? Inputs, ModelFitted? Fit, int Incidents)
    {
        public bool NoTheater => Inputs is null;
    }

    /// <summary>
    /// The incidents that had occurred by <paramref name="asOf"/> among those recorded by <paramref name="knownAt"/>,
    /// and the fit on them (none when the theater does not exist or has too few incidents then).
    /// </summary>
    public async Task<OnData> OnDataAsync(IQuerySession session, string theaterId, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct)
    {
        if (await TheaterHistory.LoadAsync(session, theaterId, knownAt, ct) is not { } history) return new OnData(null, null, 0);
        var inputs = ModelInputs.From(history, asOf);
        return inputs.Incidents.Length < MinimumIncidents
            ? new OnData(inputs, null, inputs.Incidents.Length)
            : new OnData(inputs, await ForAsync(inputs, ct), inputs.Incidents.Length);
    }

    public async Task<ModelFitted> ForAsync(ModelInputs inputs, CancellationToken ct)
    {
        if (_recent.Count > 256) _recent.Clear(); // a bounded memo; the database keeps every fit
        var lazy = _recent.GetOrAdd(inputs.DataKey, _ => new Lazy<Task<ModelFitted>>(() => LoadOrFitAsync(inputs)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _recent.TryRemove(inputs.DataKey, out _);
            throw;
        }
    }

    private async Task<ModelFitted> LoadOrFitAsync(ModelInputs inputs)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<CachedFit>(inputs.DataKey) is { } cached) return cached.Fit;
        }
        var fit = await Task.Run(() => Fit(inputs));
        await using var session = store.LightweightSession();
        session.Store(new CachedFit(fit.DataKey, fit));
        await session.SaveChangesAsync();
        return fit;
    }

    /// <summary>
    /// One fit on the inputs, always from the engine's own starting point (no warm start), so that the model
    /// depends on the data alone and every node, and every replay, gets the same one.
    /// </summary>
    public ModelFitted Fit(ModelInputs inputs)
    {
        if (inputs.Incidents.Length < MinimumIncidents)
        {
            throw new NotEnoughHistoryException(inputs.TheaterId, inputs.Incidents.Length);
        }
        using var activity = EscalationActivities.Fit(inputs.TheaterId);
        var started = Stopwatch.GetTimestamp();
        HawkesFit fit;
        try
        {
            fit = engine(inputs.History, inputs.Covariates, new FitOptions { End = inputs.FitEnd });
        }
        catch (Exception e)
        {
            activity.Fail(e);
            metrics.ModelFitted(inputs.TheaterId, false, Stopwatch.GetElapsedTime(started).TotalSeconds);
            throw;
        }
        metrics.ModelFitted(inputs.TheaterId, true, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ModelFitted(inputs.TheaterId, inputs.DataKey, ModelInputs.Instant(inputs.FitEnd), inputs.AsOf,
            inputs.Incidents.Length, clock.GetUtcNow(), fit.Model, fit.Diagnostics);
    }
}

public sealed class NotEnoughHistoryException(string theaterId, int incidents)
    : Exception($"Theater '{theaterId}' has {incidents} incidents known by then; a model needs at least {ModelFits.MinimumIncidents}.");
