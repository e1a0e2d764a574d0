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
    public static TheaterHistory Fold(string theaterId, IEnumerable<ITheaterEvent> events)
    {
        var incidents = new Dictionary<string, IncidentView>();
        var ceasefires = new List<CeasefireDeclared>();
        var ends = new Dictionary<string, CeasefireEnded>();
        var anniversaries = new List<AnniversaryRegistered>();
        foreach (var e in events)
        {
            switch (e)
            {
                case IncidentReported x:
                    incidents[x.Id] = IncidentView.Create(x);
                    break;
                case IncidentRevised x when incidents.GetValueOrDefault(x.IncidentId) is { Retracted: false } incident:
                    incidents[x.IncidentId] = incident.Apply(x);
                    break;
                case IncidentRetracted x when incidents.GetValueOrDefault(x.IncidentId) is { } incident:
                    incidents[x.IncidentId] = incident.Apply(x);
                    break;
                case CeasefireDeclared x:
                    ceasefires.Add(x);
                    break;
                case CeasefireEnded x:
                    ends.TryAdd(x.CeasefireId, x);
                    break;
                case AnniversaryRegistered x:
                    anniversaries.Add(x);
                    break;
            }
        }
        return new TheaterHistory(theaterId, incidents, ceasefires, ends, anniversaries);
    }
}
