using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// Any CSV of incidents, one per row, read through a <see cref="ColumnMapping"/>. Every column but the date and
/// the theater is optional; absent ones are simply not sent.
/// </summary>
public sealed class GenericPreset(ColumnMapping mapping) : ImportPreset
{
    public GenericPreset() : this(new ColumnMapping()) { }

    public override string Name => "generic";

    public override string Description => "incidents from any CSV, columns chosen by name (--date-column, --theater ...)";

    public ColumnMapping Mapping => mapping;

    public override IRowMapper CreateMapper(string fileName, CsvHeader header)
    {
        if (mapping.Theater is not null && mapping.TheaterColumn is not null)
            throw new RowRejectedException(mapping.TheaterColumn, "give a fixed theater or a theater column, not both");
        if (mapping.Channel is not null && mapping.ChannelColumn is not null)
            throw new RowRejectedException(mapping.ChannelColumn, "give a fixed channel or a channel column, not both");
        if (mapping.Theater is { } fixedTheater && !EventRules.IsTheaterId(fixedTheater))
            throw new RowRejectedException(null, $"theater '{fixedTheater}' is not a valid id: use 1-64 characters of a-z 0-9 - _");
        var columns = new Columns(
            Column(header, mapping.DateColumn, "date column", true, "occurredAt", "date")!,
            Column(header, mapping.TheaterColumn, "theater column", mapping.Theater is null, "theaterId", "theater"),
            Column(header, mapping.ChannelColumn, "channel column", false, "channel"),
            Column(header, mapping.CategoryColumn, "category column", false, "category", "type"),
            Column(header, mapping.LatitudeColumn, "latitude column", false, "latitude", "lat"),
            Column(header, mapping.LongitudeColumn, "longitude column", false, "longitude", "lon", "lng"),
            Column(header, mapping.IdColumn, "id column", false, "id"),
            Column(header, mapping.ActorColumn, "actor column", false, "actor"),
            Column(header, mapping.TargetColumn, "target column", false, "target"),
            Column(header, mapping.SeverityColumn, "severity column", false, "severity"),
            Column(header, mapping.FatalitiesColumn, "fatalities column", false, "fatalities"),
            Column(header, mapping.LocationNameColumn, "location name column", false, "location", "place"));
        if ((columns.Lat is null) != (columns.Lon is null))
            throw new RowRejectedException(columns.Lat ?? columns.Lon,
                "the header has one coordinate column but not the other; name both with --lat-column and --lon-column");
        return new Mapper(fileName, columns, mapping);
    }

    // An explicit column must exist; a default is looked up by its usual names, and only some are required.
    private static string? Column(CsvHeader header, string? chosen, string what, bool required, params string[] usual)
    {
        if (chosen is not null)
            return header.Has(chosen) ? header.FindFirst(chosen)
                : throw new RowRejectedException(chosen, $"the {what} '{chosen}' is not in the header ({string.Join(", ", header.Names)})");
        var found = header.FindFirst(usual);
        if (found is null && required)
            throw new RowRejectedException(usual[0], what == "theater column"
                ? $"no theater: add a '{usual[0]}' column, or pass a fixed theater (--theater ID) or --theater-column NAME"
                : $"no {what}: the header ({string.Join(", ", header.Names)}) has none of {string.Join(", ", usual)}; " +
                  $"name it with --{what.Replace(' ', '-')}");
        return found;
    }

    private sealed record Columns(string Date, string? Theater, string? Channel, string? Category, string? Lat, string? Lon,
        string? Id, string? Actor, string? Target, string? Severity, string? Fatalities, string? LocationName);

    private sealed class Mapper(string fileName, Columns c, ColumnMapping mapping) : IRowMapper
    {
        public IReadOnlyList<EventItem> Map(CsvRow row) =>
        [
            new EventItem
            {
                Id = c.Id is null ? ImportIds.ForRow(fileName, row.Row) : row.Required(c.Id),
                Type = EventTypes.Incident,
                TheaterId = mapping.Theater ?? Theater(row, c.Theater!),
                OccurredAt = row.OccurredAt(c.Date),
                Channel = mapping.Channel ?? (c.Channel is null ? null : row.Optional(c.Channel)),
                Category = Optional(row, c.Category), Actor = Optional(row, c.Actor), Target = Optional(row, c.Target),
                Severity = c.Severity is null ? null : row.OptionalInt(c.Severity, 1, 5),
                Fatalities = c.Fatalities is null ? null : row.OptionalInt(c.Fatalities, 0, int.MaxValue),
                Location = c.Lat is null || c.Lon is null ? null : row.Location(c.Lat, c.Lon, Optional(row, c.LocationName)),
            },
        ];

        private static string? Optional(CsvRow row, string? column) => column is null ? null : row.Optional(column);

        private static string Theater(CsvRow row, string column) =>
            row.Required(column) is var theater && EventRules.IsTheaterId(theater)
            ? theater
            : throw new RowRejectedException(column, $"'{theater}' is not a theater id: use 1-64 characters of a-z 0-9 - _ (e.g. 'iraq-baghdad')");
    }
}
