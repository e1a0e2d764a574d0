namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// What a valid batch does to the store, decided from the batch and the keys already stored: which events are
/// new, which repeat a stored id with the same content (no-ops), which re-use an id with other content or correct
/// what is already closed (409: a second retraction, a revision of a retracted incident, a second end of a
/// ceasefire, a revision or second cancellation of a cancelled scheduled event), and which refer to an incident,
/// ceasefire or scheduled event that does not exist in their theater (400).
/// </summary>
public sealed record IngestionPlan(
    IReadOnlyList<PreparedEvent> New, int Duplicates,
    IReadOnlyList<ItemError> Conflicts, IReadOnlyList<ItemError> Errors)
{
    public static IngestionPlan Decide(IReadOnlyList<PreparedEvent> batch, IReadOnlyDictionary<string, EventKey> stored,
        IReadOnlyDictionary<string, EventKey> closings)
    {
        var known = new Dictionary<string, EventKey>(stored, StringComparer.Ordinal);
        var closed = new Dictionary<string, EventKey>(closings, StringComparer.Ordinal);
        var fresh = new List<PreparedEvent>();
        var conflicts = new List<ItemError>();
        var errors = new List<ItemError>();
        var duplicates = 0;
        for (var index = 0; index < batch.Count; index++)
        {
            var (e, key, _) = batch[index];
            if (known.TryGetValue(e.Id, out var existing))
            {
                if (existing.Fingerprint == key.Fingerprint)
                {
                    duplicates++;
                }
                else
                {
                    conflicts.Add(new ItemError(index, e.Id, "id",
                        $"was already used for a '{existing.Kind}' in theater '{existing.TheaterId}' with other content; use a new id"));
                }
                continue;
            }
            if (Reference(e) is { } reference)
            {
                if (Unresolved(reference, e.TheaterId, known) is { } reason)
                {
                    errors.Add(new ItemError(index, e.Id, reference.Field, reason));
                    continue;
                }
                if (closed.GetValueOrDefault(reference.TargetId) is { } closer)
                {
                    conflicts.Add(new ItemError(index, e.Id, reference.Field, AlreadyClosed(reference, closer)));
                    continue;
                }
                if (key.Closes is { } target) closed[target] = key;
            }
            known[e.Id] = key;
            fresh.Add(batch[index]);
        }
        return new IngestionPlan(fresh, duplicates, conflicts, errors);
    }

    private sealed record Referral(string Field, string TargetId, string TargetKind);

    private static Referral? Reference(ITheaterEvent e) => e switch
    {
        IncidentRevised x => new Referral("incidentId", x.IncidentId, EventKinds.Incident),
        IncidentRetracted x => new Referral("incidentId", x.IncidentId, EventKinds.Incident),
        CeasefireEnded x => new Referral("ceasefireId", x.CeasefireId, EventKinds.CeasefireDeclared),
        ScheduledEventRevised x => new Referral("scheduledEventId", x.ScheduledEventId, EventKinds.ScheduledEvent),
        ScheduledEventCancelled x => new Referral("scheduledEventId", x.ScheduledEventId, EventKinds.ScheduledEvent),
        _ => null,
    };

    private static string AlreadyClosed(Referral reference, EventKey closer) => reference.TargetKind switch
    {
        EventKinds.Incident => $"refers to incident '{reference.TargetId}', which '{closer.Id}' retracted; a retracted incident is neither revised nor retracted again (report a new incident instead)",
        EventKinds.ScheduledEvent => $"refers to scheduled event '{reference.TargetId}', which '{closer.Id}' cancelled; a cancelled scheduled event is neither revised nor cancelled again (register a new one instead)",
        _ => $"refers to ceasefire '{reference.TargetId}', which '{closer.Id}' already ended; declare a new ceasefire instead",
    };

    private static string? Unresolved(Referral reference, string theaterId, Dictionary<string, EventKey> known) =>
        known.TryGetValue(reference.TargetId, out var target) && target.Kind == reference.TargetKind && target.TheaterId == theaterId
            ? null
            : $"must be the id of a stored (or earlier in this batch) '{reference.TargetKind}' of theater '{theaterId}'; '{reference.TargetId}' is not";
}
