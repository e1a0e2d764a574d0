namespace EscalationForecast.Api.Storage.EventTables;

/// <summary>
/// Marten's event tables as this adapter reads and writes them directly: the only code that names them. Checked
/// against the Marten version below (<see cref="CheckedAgainst"/>); <c>EventTablesTests</c> compares these columns
/// with the tables Marten creates and fails when Marten's schema moves, or when Marten's version is not this one,
/// so an upgrade re-checks <see cref="EventTableWriter"/> and <see cref="EventTableReader"/> before it lands.
/// </summary>
public static class MartenEventTables
{
    public const string CheckedAgainst = "9.58.0";

    public const string Events = "mt_events";
    public const string Streams = "mt_streams";
    public const string Sequence = "mt_events_sequence";

    /// <summary>The columns of <see cref="Events"/> (and their PostgreSQL types) that Marten's own append writes.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> EventColumns =
    [
        ("seq_id", "bigint"), ("id", "uuid"), ("stream_id", "character varying"), ("version", "bigint"), ("data", "jsonb"),
        ("type", "character varying"), ("timestamp", "timestamp with time zone"), ("tenant_id", "character varying"),
        ("mt_dotnet_type", "character varying"), ("is_archived", "boolean"),
    ];

    /// <summary>The columns of <see cref="Streams"/> the writer sets.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> StreamColumns =
    [
        ("id", "character varying"), ("version", "bigint"), ("timestamp", "timestamp with time zone"),
        ("created", "timestamp with time zone"), ("tenant_id", "character varying"),
    ];
}
