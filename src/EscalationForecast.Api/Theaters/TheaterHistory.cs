using EscalationForecast.Api.Events;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// A theater as it was known at <c>knownAt</c>: its stream folded over the events recorded by then (loaded by
/// <see cref="TheaterHistories"/>). This is the time-travel path (the projections only hold the present).
/// </summary>
public sealed record TheaterHistory(
    string TheaterId,
    IReadOnlyDictionary<string, IncidentView> Incidents,
    IReadOnlyList<CeasefireDeclared> Ceasefires,
    IReadOnlyDictionary<string, CeasefireEnded> CeasefireEnds,
    IReadOnlyList<AnniversaryRegistered> Anniversaries)
{
    private IncidentView[]? _ordered;

    /// <summary>The incidents not retracted, by when they occurred, then by id: the order the engine sees them in.</summary>
    public IncidentView[] Ordered => _ordered ??= Sort(Incidents.Values.Where(i => !i.Retracted));

    public static TheaterHistory Fold(string theaterId, IEnumerable<ITheaterEvent> events)
    {
        var fold = new Folding(new Dictionary<string, IncidentView>(), [], new Dictionary<string, CeasefireEnded>(), []);
        foreach (var e in events) fold.Apply(e);
        return fold.History(theaterId);
    }

    /// <summary>
    /// This history with the events recorded after it folded on, leaving this one as it was. When they only report
    /// new incidents (a feed, an import) the order is merged from this one's instead of sorted again.
    /// </summary>
    public TheaterHistory Extend(IReadOnlyList<ITheaterEvent> newer)
    {
        var fold = new Folding(new Dictionary<string, IncidentView>(Incidents), [.. Ceasefires],
            new Dictionary<string, CeasefireEnded>(CeasefireEnds), [.. Anniversaries]);
        var reported = new List<IncidentView>();
        var onlyNewIncidents = true;
        foreach (var e in newer)
        {
            onlyNewIncidents &= e is IncidentReported x ? !fold.Incidents.ContainsKey(x.Id) : e is not (IncidentRevised or IncidentRetracted);
            fold.Apply(e);
            if (e is IncidentReported r) reported.Add(fold.Incidents[r.Id]);
        }
        var extended = fold.History(TheaterId);
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

    private sealed record Folding(
        Dictionary<string, IncidentView> Incidents, List<CeasefireDeclared> Ceasefires,
        Dictionary<string, CeasefireEnded> Ends, List<AnniversaryRegistered> Anniversaries)
    {
        public void Apply(ITheaterEvent e)
        {
            switch (e)
            {
                case IncidentReported x:
                    Incidents[x.Id] = IncidentView.Create(x);
                    break;
                case IncidentRevised x when Incidents.GetValueOrDefault(x.IncidentId) is { Retracted: false } incident:
                    Incidents[x.IncidentId] = incident.Apply(x);
                    break;
                case IncidentRetracted x when Incidents.GetValueOrDefault(x.IncidentId) is { } incident:
                    Incidents[x.IncidentId] = incident.Apply(x);
                    break;
                case CeasefireDeclared x:
                    Ceasefires.Add(x);
                    break;
                case CeasefireEnded x:
                    Ends.TryAdd(x.CeasefireId, x);
                    break;
                case AnniversaryRegistered x:
                    Anniversaries.Add(x);
                    break;
            }
        }

        public TheaterHistory History(string theaterId) => new(theaterId, Incidents, Ceasefires, Ends, Anniversaries);
    }
}
