using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Folding;

namespace EscalationForecast.Api.Tests.Events.Folding;

/// <summary>
/// A history extended batch by batch is the history folded at once: the same incidents, and the same order
/// (by occurrence, then id) whether it was merged from the earlier order or sorted again.
/// </summary>
public class TheaterHistoryTests
{
    private static readonly DateTimeOffset Day0 = new(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Extending_batch_by_batch_equals_folding_at_once(int seed, bool corrections)
    {
        var random = new Random(seed);
        var events = Events(random, 2_000, corrections);
        var whole = TheaterHistory.Fold("t", events);

        var cut = 0;
        var extended = TheaterHistory.Fold("t", []);
        while (cut < events.Count)
        {
            var size = Math.Min(events.Count - cut, random.Next(1, 300));
            if (random.Next(3) > 0) _ = extended.Ordered; // the next extension merges; otherwise it sorts lazily
            var before = extended.Ordered.Select(i => i.Id).ToArray();
            var next = extended.Extend(events.Skip(cut).Take(size).ToArray());
            Assert.Equal(before, extended.Ordered.Select(i => i.Id)); // the earlier history is left as it was
            extended = next;
            cut += size;
        }

        var reference = whole.Incidents.Values.Where(i => !i.Retracted)
            .OrderBy(i => i.OccurredAt.Start).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(reference, whole.Ordered);
        Assert.Equal(reference, extended.Ordered);
        Assert.Equal(whole.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal), extended.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(whole.Ceasefires, extended.Ceasefires);
        if (corrections) Assert.Contains(whole.Incidents.Values, i => i.Retracted);
    }

    private static List<ITheaterEvent> Events(Random random, int count, bool corrections)
    {
        var events = new List<ITheaterEvent>();
        var reported = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var at = Day0.AddDays(random.Next(60)).AddHours(random.Next(2) * random.Next(24));
            var occurred = new Occurrence(at, at.TimeOfDay == TimeSpan.Zero);
            var recorded = Day0.AddDays(90).AddSeconds(n);
            var roll = random.Next(20);
            if (corrections && roll == 0 && reported.Count > 0)
            {
                events.Add(new IncidentRetracted($"x{n}", "t", reported[random.Next(reported.Count)], occurred, "duplicate", recorded));
            }
            else if (corrections && roll == 1 && reported.Count > 0)
            {
                events.Add(new IncidentRevised($"r{n}", "t", reported[random.Next(reported.Count)], occurred, null, 3, null, null, null, null, null, recorded));
            }
            else if (roll == 2)
            {
                events.Add(new CeasefireDeclared($"c{n}", "t", occurred, "truce", [], recorded));
            }
            else
            {
                var id = $"i{random.Next(1_000_000):D6}-{n}";
                reported.Add(id);
                events.Add(new IncidentReported(id, "t", occurred, random.Next(2) == 0 ? "a" : "b", 1, null, null, null, null, null, recorded));
            }
        }
        return events;
    }
}
