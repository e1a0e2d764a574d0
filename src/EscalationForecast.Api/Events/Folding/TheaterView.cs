namespace EscalationForecast.Api.Events.Folding;

/// <summary>
/// A theater as listed: its description, its channels (described or seen on an incident) and how much history it
/// has. Kept by <see cref="TheaterFold"/>, so the theater list, the projection and the in-memory histories agree.
/// </summary>
public sealed record TheaterView(
    string Id, string? Name, string? Description, IReadOnlyList<string> Channels,
    int Incidents, int Events, DateTimeOffset? LastIncidentAt, DateTimeOffset LastRecordedAt)
{
    public static TheaterView Empty(string id) => new(id, null, null, [], 0, 0, null, DateTimeOffset.MinValue);
}
