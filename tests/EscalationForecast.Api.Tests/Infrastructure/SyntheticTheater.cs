using System.Globalization;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// A theater whose history is drawn from a known self-exciting process (the cluster representation of a
/// Hawkes process): background incidents at <see cref="BaselinePerDay"/>, suppressed inside the ceasefire
/// and raised inside the anniversary windows and on the ramps of the <see cref="Deadlines"/> (rising linearly over
/// <see cref="RampDays"/> days to ×<see cref="DeadlineMultiplier"/> on each date, fading over 3 days after), each
/// incident triggering Poisson(<see cref="Branching"/>)
/// others after exponential delays of mean <see cref="MeanDelayDays"/>. Seeded, so every run posts the same.
/// </summary>
public sealed record SyntheticTheater(string TheaterId, DateOnly Start, int Days)
{
    public double BaselinePerDay { get; init; } = 1.2;
    public double Branching { get; init; } = 0.5;
    public double MeanDelayDays { get; init; } = 0.7;
    public (DateOnly From, DateOnly To)? Ceasefire { get; init; }
    public double CeasefireMultiplier { get; init; } = 0.15;
    public DateOnly? Anniversary { get; init; }
    public double AnniversaryMultiplier { get; init; } = 4;
    public DateOnly[] Deadlines { get; init; } = [];
    public double DeadlineMultiplier { get; init; } = 4;
    public int RampDays { get; init; } = 14;
    public int Seed { get; init; } = 7;

    public DateTimeOffset End => At(Days);

    public DateTimeOffset At(double day) => new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(day);

    /// <summary>The incidents (date-time precision) and, when configured, the ceasefire and anniversary events.</summary>
    public List<object> Events()
    {
        var random = new Random(Seed);
        var times = new List<double>();
        for (var day = 0; day < Days; day++)
        {
            var immigrants = Poisson(random, BaselinePerDay * Multiplier(day));
            for (var i = 0; i < immigrants; i++) times.Add(day + random.NextDouble());
        }
        for (var i = 0; i < times.Count; i++) // offspring of every incident, appended as they are born
        {
            var children = Poisson(random, Branching);
            for (var c = 0; c < children; c++)
            {
                var t = times[i] - MeanDelayDays * Math.Log(1 - random.NextDouble());
                if (t < Days) times.Add(t);
            }
        }
        times.Sort();
        var events = times.Select((t, i) => (object)new
        {
            id = $"{TheaterId}-i{i}", type = "incident", theaterId = TheaterId,
            occurredAt = At(t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }).ToList();
        if (Ceasefire is { } cf)
        {
            events.Add(new { id = $"{TheaterId}-cf", type = "ceasefire-declared", theaterId = TheaterId, occurredAt = Date(cf.From), name = "test truce", parties = Array.Empty<string>() });
            events.Add(new { id = $"{TheaterId}-cf-end", type = "ceasefire-ended", theaterId = TheaterId, occurredAt = Date(cf.To), ceasefireId = $"{TheaterId}-cf", reason = "collapsed" });
        }
        if (Anniversary is { } a)
        {
            events.Add(new { id = $"{TheaterId}-anniversary", type = "anniversary", theaterId = TheaterId, date = Date(a), name = "test anniversary", windowDays = 3 });
        }
        foreach (var d in Deadlines)
        {
            events.Add(new { id = $"{TheaterId}-deadline-{Date(d)}", type = "scheduled-event", theaterId = TheaterId, date = Date(d),
                name = $"round {Date(d)}", family = "deadline", daysBefore = RampDays, daysAfter = 3 });
        }
        return events;
    }

    private double Multiplier(int day)
    {
        var date = Start.AddDays(day);
        var m = 1.0;
        if (Ceasefire is { } cf && date >= cf.From && date < cf.To) m *= CeasefireMultiplier;
        if (Anniversary is { } a)
        {
            var thisYear = new DateOnly(date.Year, a.Month, a.Day);
            if (Math.Abs(date.DayNumber - thisYear.DayNumber) <= 3) m *= AnniversaryMultiplier;
        }
        foreach (var d in Deadlines)
        {
            var k = date.DayNumber - d.DayNumber;
            if (k >= -RampDays && k <= 3) m *= Math.Pow(DeadlineMultiplier, k <= 0 ? 1 + k / (RampDays + 1.0) : 1 - k / 4.0);
        }
        return m;
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Poisson(Random random, double mean)
    {
        var (limit, product, k) = (Math.Exp(-mean), random.NextDouble(), 0);
        while (product > limit) { k++; product *= random.NextDouble(); }
        return k;
    }
}
