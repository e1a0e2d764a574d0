using EscalationForecast.Api.Forecasts.Fitting;

namespace EscalationForecast.Api.Forecasts.Lifecycle;

/// <summary>The <c>Models</c> configuration section: how the lifecycle paces refits.</summary>
public sealed class ModelOptions
{
    /// <summary>A refit waits this long after a page of events, so an import arriving in pages is fitted once.</summary>
    public double RefitDelaySeconds { get; set; } = 2;

    /// <summary>
    /// At most one refit of a theater in this interval: while events keep arriving (a long import, a busy feed)
    /// a theater is refitted every interval rather than after every page, and the last change still gets its
    /// refit at the end of the interval. In between, the live answers already count the new events' excitation
    /// with the current parameters.
    /// </summary>
    public double MinRefitIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// And at least this many times as long as the theater's last fit took: a theater that grows by hundreds of
    /// thousands of events during an import, whose fits take seconds, is refitted less often, so refitting it takes
    /// at most a twentieth of a core away from the intake. Theaters whose fits take under 1.5 s keep the interval.
    /// </summary>
    public double RefitCostFactor { get; set; } = 20;

    /// <summary>How often each node looks for models that observed their theater only up to an earlier day (<see cref="DailyRefits"/>).</summary>
    public double DailyRefitCheckSeconds { get; set; } = 60;

    /// <summary>When the lifecycle may refit a theater again, after recording a fit or failure at <paramref name="refittedAt"/>.</summary>
    public DateTimeOffset NextRefit(DateTimeOffset refittedAt, ModelFitted? current) =>
        refittedAt + TimeSpan.FromSeconds(Math.Max(MinRefitIntervalSeconds, RefitCostFactor * (current?.Diagnostics.Seconds ?? 0)));
}
