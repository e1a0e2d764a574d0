namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// Bounds on what is stored (<c>Ingestion:*</c>). An item past one is refused with a 400 naming the item, the field
/// and the bound; a refusal lists at most <see cref="MaxItemErrors"/> item errors and says how many there were.
/// </summary>
public sealed record IngestionLimits
{
    /// <summary>No event occurred before this (default 1900-01-01): older dates are typos, and a fit over centuries costs as much.</summary>
    public DateOnly EarliestOccurredAt { get; init; } = new(1900, 1, 1);

    /// <summary>A fit has a dimension per channel and a parameter per pair of them: 10 channels are 100 excitation parameters.</summary>
    public int MaxChannelsPerTheater { get; init; } = 10;

    /// <summary>Each effect family of a theater's scheduled events is a fitted multiplier (beside the ceasefire and the anniversary).</summary>
    public int MaxEffectFamiliesPerTheater { get; init; } = 8;

    /// <summary>How far ahead a scheduled event's date may lie (default 3,660 days, ten years): further is a typo, or no forecast's business.</summary>
    public int MaxScheduledDaysAhead { get; init; } = 3_660;

    public int MaxItemErrors { get; init; } = 100;

    public static IngestionLimits From(IConfiguration configuration) =>
        configuration.GetSection("Ingestion").Get<IngestionLimits>() ?? new IngestionLimits();
}
