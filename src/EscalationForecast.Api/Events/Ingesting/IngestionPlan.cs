namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// What a valid batch does to the store, decided from the batch and the keys already stored: which events are
/// new, which repeat a stored id with the same content (no-ops), which re-use an id with other content (409),
/// and which refer to an incident or ceasefire that does not exist in their theater (400).
/// </summary>
public sealed record IngestionPlan(
    IReadOnlyList<PreparedEvent> New, int Duplicates,
    IReadOnlyList<ItemError> Conflicts, IReadOnlyList<ItemError> Errors)
{
    public static IngestionPlan Decide(IReadOnlyList<PreparedEvent> batch, IReadOnlyDictionary<string, EventKey> stored)
    {
        var known = new Dictionary<string, EventKey>(stored, StringComparer.Ordinal);
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
            if (Reference(e) is { } reference && Unresolved(reference, e.TheaterId, known) is { } reason)
            {
                errors.Add(new ItemError(index, e.Id, reference.Field, reason));
                continue;
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
        _ => null,
    };

    private static string? Unresolved(Referral reference, string theaterId, Dictionary<string, EventKey> known) =>
        known.TryGetValue(reference.TargetId, out var target) && target.Kind == reference.TargetKind && target.TheaterId == theaterId
            ? null
            : $"must be the id of a stored (or earlier in this batch) '{reference.TargetKind}' of theater '{theaterId}'; '{reference.TargetId}' is not";
}
