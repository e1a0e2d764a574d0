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

    /// <summary>
    /// Gives a share of the events an uncertain attribution over the channels, as a calibrated analyst would: a
    /// confidence q ~ U(0.5, 0.95) in a reported channel that is the true one with probability q, the rest of the
    /// weight spread over the other channels.
    /// </summary>
    public static double[] Attribution(EventHistory h, double share, Random rng)
    {
        int D = h.Channels.Length;
        var w = new double[h.Count * D];
        for (int i = 0; i < h.Count; i++)
        {
            if (rng.NextDouble() >= share) { w[i * D + h.Channel[i]] = 1; continue; }
            double q = 0.5 + 0.45 * rng.NextDouble();
            int reported = rng.NextDouble() < q ? h.Channel[i] : (h.Channel[i] + 1 + rng.Next(D - 1)) % D;
            for (int c = 0; c < D; c++) w[i * D + c] = c == reported ? q : (1 - q) / (D - 1);
        }
        return w;
    }

    public static Covariates CeasefireAndAnniversaries() => new([
        new EffectWindow("ceasefire", "freeze", 300, 700),
        new EffectWindow("anniversary", "a1", 100, 110), new EffectWindow("anniversary", "a2", 465, 475),
        new EffectWindow("anniversary", "a3", 830, 840),
    ]);
}
