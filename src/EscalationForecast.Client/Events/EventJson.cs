using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationForecast.Client.Events;

/// <summary>The contract's JSON conventions, shared by the client and by anyone serialising <see cref="EventItem"/>s.</summary>
public static class EventJson
{
    /// <summary>camelCase, case-insensitive reads, nulls omitted when written (fields that do not apply stay off the wire).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
