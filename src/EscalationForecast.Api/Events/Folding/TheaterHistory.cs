namespace EscalationForecast.Api.Events.Folding;

/// <summary>
/// A theater as its events make it, folded by <see cref="TheaterFold"/>: as listed (<see cref="View"/>), its
/// incidents with their revisions and retractions, its ceasefires and their ends, its anniversaries, its scheduled
/// events with their revisions and cancellations. The theater's
/// in-memory history folds the events recorded by <c>knownAt</c> into one of these (the time-travel path; the
/// projections only hold the present).
/// </summary>
public sealed record TheaterHistory(
    TheaterView View,
    IReadOnlyDictionary<string, IncidentView> Incidents,
    IReadOnlyList<CeasefireDeclared> Ceasefires,
    IReadOnlyDictionary<string, CeasefireEnded> CeasefireEnds,
    IReadOnlyList<AnniversaryRegistered> Anniversaries,
    IReadOnlyDictionary<string, ScheduledEventView> ScheduledEvents)
{
    private IncidentView[]? _ordered;

    public string TheaterId => View.Id;

    /// <summary>The incidents not retracted, by when they occurred, then by id: the order the engine sees them in.</summary>
    public IncidentView[] Ordered => _ordered ??= Sort(Incidents.Values.Where(i => !i.Retracted));

    public static TheaterHistory Fold(string theaterId, IEnumerable<ITheaterEvent> events)
    {
        var fold = TheaterFold.Start(theaterId);
        foreach (var e in events) fold.Apply(e);
        return fold.History();
    }

    /// <summary>
    /// This history with the events recorded after it folded on, leaving this one as it was. When they only report
    /// new incidents (a feed, an import) the order is merged from this one's instead of sorted again.
    /// </summary>
    public TheaterHistory Extend(IReadOnlyList<ITheaterEvent> newer)
    {
        var fold = TheaterFold.From(this);
        var reported = new List<IncidentView>();
        var onlyNewIncidents = true;
        foreach (var e in newer)
        {
            switch (fold.Apply(e))
            {
                case { Before: null } added: reported.Add(added.After); break;
                case not null: onlyNewIncidents = false; break; // a correction moved or removed an incident
            }
        }
        var extended = fold.History();
        if (onlyNewIncidents && _ordered is { } ordered) extended._ordered = Merge(ordered, Sort(reported));
        return extended;
    }

    private static int Compare(IncidentView a, IncidentView b)
    {
        var byStart = a.OccurredAt.Start.CompareTo(b.OccurredAt.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
    }

    private static IncidentView[] Sort(IEnumerable<IncidentView> incidents)
    {
        var sorted = incidents.ToArray();
        Array.Sort(sorted, Compare);
        return sorted;
    }

    private static IncidentView[] Merge(IncidentView[] a, IncidentView[] b)
    {
        if (b.Length == 0) return a;
        var merged = new IncidentView[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length) merged[k++] = Compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
        Array.Copy(a, i, merged, k, a.Length - i);
        Array.Copy(b, j, merged, k + a.Length - i, b.Length - j);
        return merged;
    }
}
