using System.Text.RegularExpressions;
using EscalationForecast.Client.Events;

namespace EscalationForecast.Client.Reading;

/// <summary>
/// The contract's per-item rules, checked before sending: one bad row would otherwise make the server refuse its
/// whole batch, and a local check can name the row and column. The server stays the authority (e.g. on future dates).
/// </summary>
public static partial class EventRules
{
    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex TheaterIdPattern();

    public static bool IsTheaterId(string value) => TheaterIdPattern().IsMatch(value);

    /// <summary>Null when <paramref name="item"/> satisfies the contract, else what is wrong with it.</summary>
    public static string? Check(EventItem item)
    {
        if (item.Id.Length is 0 or > ImportIds.MaxLength)
            return $"id '{item.Id}' must be 1-{ImportIds.MaxLength} characters";
        if (!EventTypes.All.Contains(item.Type))
            return $"type '{item.Type}' is not one of {string.Join(", ", EventTypes.All)}";
        if (!IsTheaterId(item.TheaterId))
            return $"theater '{item.TheaterId}' is not a valid id: use 1-64 characters of a-z 0-9 - _ (e.g. 'iraq-baghdad')";
        if (!EventTypes.Dated.Contains(item.Type) && item.OccurredAt is null)
            return $"a {item.Type} needs occurredAt";
        if (item.Type == EventTypes.Anniversary && item.Date is null)
            return "an anniversary needs its original date";
        if (item.Type == EventTypes.ScheduledEvent && (item.Date is null || item.Family is null || item.Name is null))
            return "a scheduled-event needs its date, name and family";
        if (item.Severity is < 1 or > 5)
            return $"severity {item.Severity} must be from 1 to 5";
        if (item.Fatalities is < 0)
            return $"fatalities {item.Fatalities} must not be negative";
        if (item.Location is { } at && (Math.Abs(at.Lat) > 90 || Math.Abs(at.Lon) > 180))
            return $"location ({at.Lat}, {at.Lon}) is off the globe";
        return null;
    }
}
