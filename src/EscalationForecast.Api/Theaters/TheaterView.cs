using EscalationForecast.Api.Events;

namespace EscalationForecast.Api.Theaters;

/// <summary>A theater as listed: its description, channels and how much history it has.</summary>
public sealed record TheaterView(
    string Id, string? Name, string? Description, IReadOnlyList<string> Channels,
    int Incidents, int Events, DateTimeOffset? LastIncidentAt, DateTimeOffset LastRecordedAt)
{
    public static TheaterView Empty(string id) => new(id, null, null, [], 0, 0, null, DateTimeOffset.MinValue);

    public TheaterView Apply(ITheaterEvent e)
    {
        var next = this with { Events = Events + 1, LastRecordedAt = e.RecordedAt > LastRecordedAt ? e.RecordedAt : LastRecordedAt };
        return e switch
        {
            IncidentReported x => next.WithIncident(x.Channel, x.OccurredAt) with { Incidents = Incidents + 1 },
            IncidentRevised x => next.WithIncident(x.Channel, x.OccurredAt),
            IncidentRetracted => next with { Incidents = Incidents - 1 },
            TheaterDescribed x => next with { Name = x.Name, Description = x.Description, Channels = Union(Channels, x.Channels) },
            _ => next,
        };
    }

    private TheaterView WithIncident(string? channel, Occurrence occurredAt) => this with
    {
        Channels = channel is null ? Channels : Union(Channels, [channel]),
        LastIncidentAt = LastIncidentAt is { } last && last >= occurredAt.Start ? last : occurredAt.Start,
    };

    private static IReadOnlyList<string> Union(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        b.All(a.Contains) ? a : a.Union(b).Order(StringComparer.Ordinal).ToArray();
}
