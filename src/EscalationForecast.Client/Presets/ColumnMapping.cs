namespace EscalationForecast.Client.Presets;

/// <summary>
/// Column choices for the <c>generic</c> preset, which reads any CSV of incidents. A column left null is looked up
/// by its usual names (shown per property); a column given explicitly must exist. The theater comes from
/// <see cref="TheaterColumn"/> or the fixed <see cref="Theater"/>, the channel likewise (or the server's default).
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>occurredAt; default <c>occurredAt</c> or <c>date</c>.</summary>
    public string? DateColumn { get; init; }

    /// <summary>The incident's category; default <c>category</c> or <c>type</c>.</summary>
    public string? CategoryColumn { get; init; }

    /// <summary>Default <c>channel</c>.</summary>
    public string? ChannelColumn { get; init; }

    /// <summary>Default <c>theaterId</c> or <c>theater</c>.</summary>
    public string? TheaterColumn { get; init; }

    /// <summary>Default <c>latitude</c> or <c>lat</c>.</summary>
    public string? LatitudeColumn { get; init; }

    /// <summary>Default <c>longitude</c>, <c>lon</c> or <c>lng</c>.</summary>
    public string? LongitudeColumn { get; init; }

    /// <summary>The idempotency key; default <c>id</c>, else <c>{file-stem}:{row}</c>.</summary>
    public string? IdColumn { get; init; }

    /// <summary>Default <c>actor</c>.</summary>
    public string? ActorColumn { get; init; }

    /// <summary>Default <c>target</c>.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>1-5; default <c>severity</c>.</summary>
    public string? SeverityColumn { get; init; }

    /// <summary>Default <c>fatalities</c>.</summary>
    public string? FatalitiesColumn { get; init; }

    /// <summary>The location's name; default <c>location</c> or <c>place</c>.</summary>
    public string? LocationNameColumn { get; init; }

    /// <summary>One theater for every row.</summary>
    public string? Theater { get; init; }

    /// <summary>One channel for every row.</summary>
    public string? Channel { get; init; }

    /// <summary>True when nothing was chosen, so a preset can still be detected from the file name.</summary>
    public bool IsEmpty => this == new ColumnMapping();
}
