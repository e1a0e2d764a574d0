namespace EscalationForecast.Api.Events.Folding;

/// <summary>What one event did to an incident: its state before (null for a new report) and after.</summary>
public readonly record struct IncidentChange(IncidentView? Before, IncidentView After);

/// <summary>
/// The one fold of a theater's events: the in-memory histories (<see cref="TheaterHistory"/>), the theater
/// projection and the theater list all fold through <see cref="Apply"/>. Each correction applies once: a report
/// of an id already known, a revision or retraction of an incident that is unknown or already retracted, a
/// second end of one ceasefire, and a revision or cancellation of a scheduled event that is unknown or already
/// cancelled change nothing but the theater's event count. The fold is mutable while it runs
/// (a theater has tens of thousands of incidents; copying them per event would be quadratic) and hands out
/// immutable results.
/// </summary>
public sealed class TheaterFold
{
    private readonly Dictionary<string, IncidentView> _incidents;
    private readonly List<CeasefireDeclared> _ceasefires;
    private readonly Dictionary<string, CeasefireEnded> _ends;
    private readonly List<AnniversaryRegistered> _anniversaries;
    private readonly Dictionary<string, ScheduledEventView> _scheduled;
    private readonly string _theaterId;
    private string? _name, _description;
    private IReadOnlyList<string> _channels;
    private int _incidentCount, _eventCount;
    private DateTimeOffset? _lastIncidentAt;
    private DateTimeOffset _lastRecordedAt;

    private TheaterFold(TheaterView view, Dictionary<string, IncidentView> incidents, List<CeasefireDeclared> ceasefires,
        Dictionary<string, CeasefireEnded> ends, List<AnniversaryRegistered> anniversaries, Dictionary<string, ScheduledEventView> scheduled)
    {
        (_incidents, _ceasefires, _ends, _anniversaries, _scheduled) = (incidents, ceasefires, ends, anniversaries, scheduled);
        (_theaterId, _name, _description, _channels) = (view.Id, view.Name, view.Description, view.Channels);
        (_incidentCount, _eventCount, _lastIncidentAt, _lastRecordedAt) = (view.Incidents, view.Events, view.LastIncidentAt, view.LastRecordedAt);
    }

    public static TheaterFold Start(string theaterId) =>
        new(TheaterView.Empty(theaterId), new(StringComparer.Ordinal), [], new(StringComparer.Ordinal), [], new(StringComparer.Ordinal));

    /// <summary>Continues from a history, leaving it as it was.</summary>
    public static TheaterFold From(TheaterHistory history) => new(history.View,
        new Dictionary<string, IncidentView>(history.Incidents, StringComparer.Ordinal), [.. history.Ceasefires],
        new Dictionary<string, CeasefireEnded>(history.CeasefireEnds, StringComparer.Ordinal), [.. history.Anniversaries],
        new Dictionary<string, ScheduledEventView>(history.ScheduledEvents, StringComparer.Ordinal));

    /// <summary>
    /// Continues from a stored view, knowing only <paramref name="incidents"/> of the theater's earlier incidents
    /// (the projection's way: a page needs the incidents its corrections refer to, and no others).
    /// </summary>
    public static TheaterFold From(TheaterView view, IReadOnlyDictionary<string, IncidentView> incidents) =>
        new(view, new Dictionary<string, IncidentView>(incidents, StringComparer.Ordinal), [], new(StringComparer.Ordinal), [], new(StringComparer.Ordinal));

    public TheaterView View => new(_theaterId, _name, _description, _channels, _incidentCount, _eventCount, _lastIncidentAt, _lastRecordedAt);

    /// <summary>Folds one event in; answers the incident it changed, if it changed one.</summary>
    public IncidentChange? Apply(ITheaterEvent e)
    {
        _eventCount++;
        if (e.RecordedAt > _lastRecordedAt) _lastRecordedAt = e.RecordedAt;
        switch (e)
        {
            case IncidentReported x when !_incidents.ContainsKey(x.Id):
                return Changed(null, IncidentView.Create(x), +1);
            case IncidentRevised x when _incidents.GetValueOrDefault(x.IncidentId) is { Retracted: false } incident:
                return Changed(incident, incident.Apply(x), 0);
            case IncidentRetracted x when _incidents.GetValueOrDefault(x.IncidentId) is { Retracted: false } incident:
                return Changed(incident, incident.Apply(x), -1);
            case CeasefireDeclared x:
                _ceasefires.Add(x);
                break;
            case CeasefireEnded x:
                _ends.TryAdd(x.CeasefireId, x);
                break;
            case AnniversaryRegistered x:
                _anniversaries.Add(x);
                break;
            case ScheduledEventRegistered x:
                _scheduled.TryAdd(x.Id, ScheduledEventView.Create(x));
                break;
            case ScheduledEventRevised x when _scheduled.GetValueOrDefault(x.ScheduledEventId) is { Cancelled: null } scheduled:
                _scheduled[scheduled.Id] = scheduled.Apply(x);
                break;
            case ScheduledEventCancelled x when _scheduled.GetValueOrDefault(x.ScheduledEventId) is { Cancelled: null } scheduled:
                _scheduled[scheduled.Id] = scheduled.Apply(x);
                break;
            case TheaterDescribed x:
                (_name, _description) = (x.Name, x.Description);
                _channels = x.Channels.All(_channels.Contains) ? _channels : _channels.Union(x.Channels).Order(StringComparer.Ordinal).ToArray();
                break;
        }
        return null;
    }

    private IncidentChange Changed(IncidentView? before, IncidentView after, int count)
    {
        _incidents[after.Id] = after;
        _incidentCount += count;
        if (!after.Retracted)
        {
            foreach (var channel in after.Attribution?.Select(a => a.Channel).Append(after.Channel) ?? [after.Channel])
                if (!_channels.Contains(channel)) _channels = [.. _channels.Append(channel).Order(StringComparer.Ordinal)];
            if (_lastIncidentAt is not { } last || last < after.OccurredAt.Start) _lastIncidentAt = after.OccurredAt.Start;
        }
        return new IncidentChange(before, after);
    }

    /// <summary>The theater as folded so far; the fold must not be used after.</summary>
    public TheaterHistory History() => new(View, _incidents, _ceasefires, _ends, _anniversaries, _scheduled);
}
