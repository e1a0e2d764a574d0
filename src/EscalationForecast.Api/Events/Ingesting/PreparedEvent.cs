using EscalationForecast.Api.Storage.EventTables;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// An event ready to store: its idempotency key and its row (its type stored under the spec's name, its JSON as
/// Marten writes it), both computed before the batch's transaction opens.
/// </summary>
public sealed record PreparedEvent(ITheaterEvent Event, EventKey Key, EventRow Row)
{
    public static PreparedEvent Of(ITheaterEvent e, EventTableWriter tables)
    {
        var key = EventKey.Of(e);
        return new PreparedEvent(e, key, new EventRow(e.TheaterId, key.Kind, e.GetType(), tables.Json(e)));
    }
}
