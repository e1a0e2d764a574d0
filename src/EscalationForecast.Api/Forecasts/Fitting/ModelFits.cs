using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationForecast.Api.Operations.Telemetry;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Hawkes;
using Marten;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>The engine call, replaceable so a test can make a fit fail.</summary>
public delegate HawkesFit FitEngine(EventHistory history, Covariates covariates, FitOptions options);

/// <summary>
/// Fits on exactly the data of <see cref="ModelInputs"/>, reusing any fit recorded on the same data
/// (<see cref="CachedFit"/>, shared through the database) and never fitting the same data twice at once.
/// A fit is deterministic, so the same data gives the same model, byte for byte.
/// <para>
/// Two kernel policies. The lifecycle's fits (the live model, recorded as <see cref="ModelFitted"/>) choose the
/// kernel by AIC (<see cref="KernelChoice.Auto"/>: an exponential, then a sum of two). A question about other
/// data (<c>asOf</c>/<c>knownAt</c>) reuses the lifecycle's fit of that data when there is one and otherwise fits
/// the exponential kernel alone, about a third of the work, so an analyst's answer comes while they wait.
/// Whichever fit answered a question first keeps answering it.
/// </para>
/// <para>
/// A theater whose incidents are all known to the day only also gets the day-count model (<see cref="DayCountFitter"/>,
/// a few milliseconds to a tenth of a second), from which its risk is forecast: it beat the continuous process on
/// both backtest periods (README).
/// </para>
/// </summary>
public sealed class ModelFits(IDocumentStore store, TheaterHistories histories, FitEngine engine, TimeProvider clock, EscalationMetrics metrics)
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
    public async Task<OnData> OnDataAsync(string theaterId, DateTimeOffset asOf, DateTimeOffset knownAt, CancellationToken ct)
    {
        if (await histories.LoadAsync(theaterId, knownAt, ct) is not { } history) return new OnData(null, null, 0);
        var inputs = ModelInputs.From(history, asOf);
        return inputs.Incidents.Length < MinimumIncidents
            ? new OnData(inputs, null, inputs.Incidents.Length)
            : new OnData(inputs, await ForAsync(inputs, KernelChoice.Exponential, ct), inputs.Incidents.Length);
    }

    /// <summary>The lifecycle's fit on the inputs (kernel by AIC).</summary>
    public Task<ModelFitted> ForAsync(ModelInputs inputs, CancellationToken ct) => ForAsync(inputs, KernelChoice.Auto, ct);

    private async Task<ModelFitted> ForAsync(ModelInputs inputs, KernelChoice kernel, CancellationToken ct)
    {
        if (_recent.Count > 256) _recent.Clear(); // a bounded memo; the database keeps every fit
        var id = CacheId(inputs.DataKey, kernel);
        var lazy = _recent.GetOrAdd(id, _ => new Lazy<Task<ModelFitted>>(() => LoadOrFitAsync(inputs, kernel)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _recent.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>
    /// A kept fit of this kind, else (for a question) the lifecycle's fit of the same data, else a new fit, kept.
    /// A question's own fit is looked for first: once it has answered, a lifecycle fit of the same data made
    /// later does not change the answer.
    /// </summary>
    private async Task<ModelFitted> LoadOrFitAsync(ModelInputs inputs, KernelChoice kernel)
    {
        var id = CacheId(inputs.DataKey, kernel);
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<CachedFit>(id) is { } cached) return cached.Fit;
            if (kernel != KernelChoice.Auto && await query.LoadAsync<CachedFit>(inputs.DataKey) is { } recorded) return recorded.Fit;
        }
        var fit = await Task.Run(() => Fit(inputs, kernel));
        await using var session = store.LightweightSession();
        session.Store(new CachedFit(id, fit));
        await session.SaveChangesAsync();
        return fit;
    }

    /// <summary>The lifecycle's fits are kept by their data key alone (as recorded); others by data and kernel.</summary>
    private static string CacheId(string dataKey, KernelChoice kernel) =>
        kernel == KernelChoice.Auto ? dataKey : $"{dataKey}:{kernel.ToString().ToLowerInvariant()}";

    /// <summary>
    /// One fit on the inputs, always from the engine's own starting point (no warm start), so that the model
    /// depends on the data alone and every node, and every replay, gets the same one.
    /// </summary>
    private ModelFitted Fit(ModelInputs inputs, KernelChoice kernel)
    {
        if (inputs.Incidents.Length < MinimumIncidents)
        {
            throw new NotEnoughHistoryException(inputs.TheaterId, inputs.Incidents.Length);
        }
        using var activity = EscalationActivities.Fit(inputs.TheaterId);
        var started = Stopwatch.GetTimestamp();
        HawkesFit fit;
        DayCountModel? dayCounts = null;
        try
        {
            fit = engine(inputs.History, inputs.Covariates, new FitOptions { End = inputs.FitEnd, Kernel = kernel });
            if (DayCountFitter.Applies(inputs.History))
            {
                dayCounts = DayCountFitter.Fit(inputs.History, inputs.Covariates, (int)Math.Ceiling(inputs.FitEnd - 1e-9));
            }
        }
        catch (Exception e)
        {
            activity.Fail(e);
            metrics.ModelFitted(inputs.TheaterId, false, Stopwatch.GetElapsedTime(started).TotalSeconds);
            throw;
        }
        metrics.ModelFitted(inputs.TheaterId, true, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ModelFitted(inputs.TheaterId, inputs.DataKey, ModelInputs.Instant(inputs.FitEnd), inputs.AsOf,
            inputs.Incidents.Length, clock.GetUtcNow(), fit.Model, fit.Diagnostics, dayCounts);
    }
}

public sealed class NotEnoughHistoryException(string theaterId, int incidents)
    : Exception($"Theater '{theaterId}' has {incidents} incidents known by then; a model needs at least {ModelFits.MinimumIncidents}.");
