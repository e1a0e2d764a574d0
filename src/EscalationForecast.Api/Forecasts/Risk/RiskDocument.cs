using System.Text.Json.Serialization;

namespace EscalationForecast.Api.Forecasts.Risk;

/// <summary>The answer of <c>GET /api/v1/theaters/{id}/risk</c>, as the spec lays it out.</summary>
public sealed record RiskDocument(
    string TheaterId, DateTimeOffset AsOf, DateTimeOffset KnownAt, int HorizonDays,
    double IntensityPerDay, double BaselinePerDay, double ExcitationRatio,
    double ExpectedEvents, IReadOnlyDictionary<string, int> Quantiles,
    IReadOnlyDictionary<string, double> ProbabilityAtLeast, double ProbabilityAtLeastOne,
    int Score, string RiskLevel, IReadOnlyList<RiskDriver> Drivers, RiskModel Model);

/// <summary>
/// Why the risk is what it is: a recent incident and what it adds to today's intensity (for an incident of uncertain
/// author, its expected contribution over its <see cref="Attribution"/>), or an effect in force (or starting inside
/// the horizon) with its multiplier on the background. A dated effect (an anniversary, a scheduled event: kind
/// <c>scheduled-event</c>) names its <see cref="Family"/>, <see cref="Date"/> and <see cref="DaysUntil"/> it; its
/// <see cref="Multiplier"/> is the one in force now on its ramp (for a window still ahead, the one on its date),
/// <see cref="PeakMultiplier"/> the one on its date, with its <see cref="StandardError"/>; both are absent while the
/// family has no fitted multiplier (no window of it in the data yet).
/// </summary>
public sealed record RiskDriver(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EventId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OccurredAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ContributionPerDay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Multiplier = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Until = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Channel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<Events.AttributionShare>? Attribution { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Family { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateOnly? Date { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DaysUntil { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PeakMultiplier { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? StandardError { get; init; }
}

public sealed record RiskModel(DateTimeOffset FittedAt, DateTimeOffset DataThrough, int EventsUsed, double BranchingRatio, string Kernel);
