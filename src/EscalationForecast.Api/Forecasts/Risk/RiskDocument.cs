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
/// Why the risk is what it is: a recent incident and what it adds to today's intensity, or an effect in force
/// (or starting inside the horizon) with its multiplier on the background.
/// </summary>
public sealed record RiskDriver(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EventId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OccurredAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ContributionPerDay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Multiplier = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Until = null);

public sealed record RiskModel(DateTimeOffset FittedAt, DateTimeOffset DataThrough, int EventsUsed, double BranchingRatio, string Kernel);
