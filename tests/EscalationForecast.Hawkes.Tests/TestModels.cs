using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests;

internal static class TestModels
{
    public static HawkesModel Univariate(double mu, double alpha, double beta, double end, IReadOnlyDictionary<string, double>? effects = null) =>
        ModelDefinition.Create(["events"], [mu], [[alpha]], [beta], effectMultipliers: effects, start: 0, end: end);

    public static HawkesModel Bivariate(double end) =>
        ModelDefinition.Create(["militia", "us"], [1.5, 0.8], [[0.3, 0.3], [0.4, 0.1]], [0.7], start: 0, end: end);

    /// <summary>Rounds every event down to its day and marks it day-precision.</summary>
    public static EventHistory ToDays(EventHistory h) =>
        h with { Times = h.Times.Select(Math.Floor).ToArray(), DayPrecision = Enumerable.Repeat(true, h.Count).ToArray() };

    public static Covariates CeasefireAndAnniversaries() => new([
        new EffectWindow("ceasefire", "freeze", 300, 700),
        new EffectWindow("anniversary", "a1", 100, 110), new EffectWindow("anniversary", "a2", 465, 475),
        new EffectWindow("anniversary", "a3", 830, 840),
    ]);
}
