using EscalationForecast.Api.Events;
using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Theaters;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EscalationForecast.Api.Tests.Events.Folding;

/// <summary>
/// The one fold of a theater's events: folding a sequence at once equals folding it in pieces (the in-memory
/// history extended batch by batch, the projection page by page), and each correction applies once.
/// </summary>
public class TheaterFoldProperties
{
    private static readonly DateTimeOffset Day0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// What to do next: report (sometimes with an uncertain author), revise, retract, declare or end a ceasefire, register
    /// an anniversary, describe, register, revise or cancel a scheduled event.
    /// </summary>
    private sealed record Step(int Kind, int Target, int Day, int Hour, bool Precise, int Channel, int Severity);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Choose(3, 9)))
        from target in Gen.Choose(0, 1000)
        from day in Gen.Choose(0, 40)
        from hour in Gen.Choose(0, 23)
        from precise in ArbMap.Default.GeneratorFor<bool>()
        from channel in Gen.Choose(0, 2)
        from severity in Gen.Choose(1, 5)
        select new Step(kind, target, day, hour, precise, channel, severity);

    private static readonly Gen<(List<ITheaterEvent> Events, int[] Cuts)> Histories =
        from steps in Steps.ListOf()
        from cuts in Gen.Choose(0, 200).ListOf()
        select (Build(steps), cuts.ToArray());

    [Property(MaxTest = 200)]
    public Property Folding_in_pieces_equals_folding_at_once() =>
        Prop.ForAll(Histories.ToArbitrary(), h =>
        {
            var whole = TheaterHistory.Fold("t", h.Events);
            var extended = TheaterHistory.Fold("t", []);
            foreach (var piece in Pieces(h.Events, h.Cuts))
            {
                if (piece.Length % 2 == 0) _ = extended.Ordered; // the next extension merges the order; otherwise it sorts
                extended = extended.Extend(piece);
            }
            return Same(whole, extended);
        });

    [Property(MaxTest = 200)]
    public Property The_projection_page_by_page_agrees_with_the_fold() =>
        Prop.ForAll(Histories.ToArbitrary(), h =>
        {
            var views = new Dictionary<string, TheaterView>();
            var buckets = new Dictionary<string, (int Count, int Severity)>();
            var done = 0;
            foreach (var page in Pieces(h.Events, h.Cuts))
            {
                // What the projection reads for a page with a correction: the stream's earlier events, folded.
                var known = page.Any(e => e is IncidentRevised or IncidentRetracted)
                    ? new Dictionary<string, IReadOnlyDictionary<string, IncidentView>> { ["t"] = TheaterHistory.Fold("t", h.Events.Take(done)).Incidents }
                    : [];
                var (folded, deltas) = TheaterProjection.Fold(page, views, known);
                foreach (var view in folded) views[view.Id] = view;
                foreach (var d in deltas.Values)
                {
                    var (count, severity) = buckets.GetValueOrDefault(d.Id);
                    buckets[d.Id] = (count + d.Count, severity + d.Severity);
                }
                done += page.Length;
            }
            var whole = TheaterHistory.Fold("t", h.Events);
            var expected = whole.Ordered.GroupBy(i => DailyBucket.IdOf("t", i.Channel, i.OccurredAt.Day))
                .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(i => i.Severity)));
            var projected = buckets.Where(b => b.Value != (0, 0)).ToDictionary(b => b.Key, b => b.Value);
            return (h.Events.Count == 0 || SameView(whole.View, views["t"]))
                   && expected.Count == projected.Count && expected.All(e => projected.GetValueOrDefault(e.Key) == e.Value);
        });

    [Property(MaxTest = 200)]
    public Property Corrections_apply_once() =>
        Prop.ForAll(Histories.ToArbitrary(), h =>
        {
            var once = TheaterHistory.Fold("t", h.Events);
            var last = h.Events.Count == 0 ? Day0 : h.Events[^1].RecordedAt;
            // Every retraction, ceasefire end and cancellation again, and a revision of every retracted incident and of
            // every cancelled scheduled event: none may change a thing.
            var repeated = h.Events.Where(e => e is IncidentRetracted or CeasefireEnded or ScheduledEventCancelled)
                .Concat(once.Incidents.Values.Where(i => i.Retracted).Select(i => (ITheaterEvent)new IncidentRevised(
                    "", "t", i.Id, new Occurrence(Day0.AddDays(50), true), "late", 5, null, null, null, null, null, last)))
                .Concat(once.ScheduledEvents.Values.Where(e => e.Cancelled is not null).Select(e => (ITheaterEvent)new ScheduledEventRevised(
                    "", "t", e.Id, new DateOnly(2021, 1, 1), "late", null, 3, null, null, null, last)))
                .Select((e, n) => Again(e, n, last.AddSeconds(n + 1)));
            var twice = TheaterHistory.Fold("t", [.. h.Events, .. repeated]);
            return once.View.Incidents == once.Incidents.Values.Count(i => !i.Retracted)
                   && twice.View.Incidents == once.View.Incidents
                   && SameIncidents(once, twice)
                   && once.CeasefireEnds.OrderBy(p => p.Key).SequenceEqual(twice.CeasefireEnds.OrderBy(p => p.Key))
                   && SameScheduled(once, twice)
                   && once.View.Channels.SequenceEqual(twice.View.Channels)
                   && once.View.LastIncidentAt == twice.View.LastIncidentAt;
        });

    /// <summary>A correction again under a new id, recorded later (a client sending it once more as a new event).</summary>
    private static ITheaterEvent Again(ITheaterEvent e, int n, DateTimeOffset recorded) => e switch
    {
        IncidentRevised x => x with { Id = $"again-{n}", RecordedAt = recorded },
        IncidentRetracted x => x with { Id = $"again-{n}", RecordedAt = recorded },
        CeasefireEnded x => x with { Id = $"again-{n}", RecordedAt = recorded, Reason = "superseded" },
        ScheduledEventRevised x => x with { Id = $"again-{n}", RecordedAt = recorded },
        ScheduledEventCancelled x => x with { Id = $"again-{n}", RecordedAt = recorded, Reason = "again" },
        _ => e,
    };

    private static List<ITheaterEvent> Build(IEnumerable<Step> steps)
    {
        var events = new List<ITheaterEvent>();
        var incidents = new List<string>();
        var ceasefires = new List<string>();
        var scheduled = new List<string>();
        var n = 0;
        foreach (var s in steps)
        {
            var id = $"e{n}";
            var at = Day0.AddDays(s.Day).AddHours(s.Precise ? s.Hour : 0);
            var occurred = new Occurrence(at, !s.Precise);
            var recorded = Day0.AddDays(60).AddSeconds(n++);
            var channel = $"c{s.Channel}";
            ITheaterEvent e = s.Kind switch
            {
                1 when incidents.Count > 0 => new IncidentRevised(id, "t", incidents[s.Target % incidents.Count], occurred,
                    s.Severity % 2 == 0 ? channel : null, s.Severity, "rocket", null, null, null, null, recorded),
                2 when incidents.Count > 0 => new IncidentRetracted(id, "t", incidents[s.Target % incidents.Count], occurred, null, recorded),
                3 => new CeasefireDeclared(id, "t", occurred, "truce", [channel], recorded),
                4 when ceasefires.Count > 0 => new CeasefireEnded(id, "t", ceasefires[s.Target % ceasefires.Count], occurred, "collapsed", recorded),
                5 => new AnniversaryRegistered(id, "t", DateOnly.FromDateTime(at.UtcDateTime), "strike", 3, recorded),
                6 => new TheaterDescribed(id, "t", $"name {n}", null, [channel, "described"], recorded),
                7 => new ScheduledEventRegistered(id, "t", DateOnly.FromDateTime(at.UtcDateTime), "vote", s.Severity % 2 == 0 ? "election" : "deadline",
                    s.Severity, 2, s.Precise, null, recorded),
                8 when scheduled.Count > 0 => new ScheduledEventRevised(id, "t", scheduled[s.Target % scheduled.Count],
                    DateOnly.FromDateTime(at.UtcDateTime), null, null, s.Severity, null, null, s.Precise ? occurred : null, recorded),
                9 when scheduled.Count > 0 => new ScheduledEventCancelled(id, "t", scheduled[s.Target % scheduled.Count], occurred, null, recorded),
                _ when s.Severity == 5 => new IncidentReported(id, "t", occurred, channel, s.Severity, null, null, null, null, null, recorded,
                    [new(channel, 0.6), new("unknown", 0.4)], null, "denied"),
                _ => new IncidentReported(id, "t", occurred, channel, s.Severity, null, null, null, null, null, recorded),
            };
            if (e is IncidentReported) incidents.Add(id);
            if (e is ScheduledEventRegistered) scheduled.Add(id);
            if (e is CeasefireDeclared) ceasefires.Add(id);
            events.Add(e);
        }
        return events;
    }

    private static IEnumerable<ITheaterEvent[]> Pieces(List<ITheaterEvent> events, int[] cuts)
    {
        var start = 0;
        foreach (var cut in cuts.Append(events.Count))
        {
            var length = Math.Min(cut, events.Count - start);
            if (length <= 0) continue;
            yield return events.Skip(start).Take(length).ToArray();
            start += length;
        }
        if (start < events.Count) yield return events.Skip(start).ToArray();
    }

    private static bool Same(TheaterHistory a, TheaterHistory b) =>
        SameView(a.View, b.View) && SameIncidents(a, b)
        && a.Ordered.SequenceEqual(b.Ordered)
        && a.Ceasefires.SequenceEqual(b.Ceasefires)
        && a.CeasefireEnds.OrderBy(p => p.Key).SequenceEqual(b.CeasefireEnds.OrderBy(p => p.Key))
        && a.Anniversaries.SequenceEqual(b.Anniversaries)
        && SameScheduled(a, b);

    private static bool SameScheduled(TheaterHistory a, TheaterHistory b) =>
        a.ScheduledEvents.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(b.ScheduledEvents.OrderBy(p => p.Key, StringComparer.Ordinal));

    private static bool SameIncidents(TheaterHistory a, TheaterHistory b) =>
        a.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(b.Incidents.OrderBy(p => p.Key, StringComparer.Ordinal));

    private static readonly string[] NoChannels = [];

    private static bool SameView(TheaterView a, TheaterView b) =>
        a with { Channels = NoChannels } == b with { Channels = NoChannels } && a.Channels.SequenceEqual(b.Channels);
}
