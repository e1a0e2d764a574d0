namespace EscalationForecast.Api.Models;

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
}
