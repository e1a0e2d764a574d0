using System.CommandLine;
using EscalationForecast.Client.Presets;

namespace EscalationForecast.Cli.Importing;

/// <summary>
/// The generic preset's column options. Any of them selects the generic preset when --preset is absent; with a named
/// preset they are refused (the preset fixes its own columns) rather than silently ignored.
/// </summary>
internal sealed class MappingOptions
{
    private readonly Option<string?> date =
        Column("--date-column", "occurredAt (yyyy-MM-dd or ISO date-time with zone); default 'occurredAt' or 'date'");
    private readonly Option<string?> category = Column("--category-column", "the incident's category; default 'category' or 'type'");
    private readonly Option<string?> channel = Column("--channel-column", "the channel; default 'channel'");
    private readonly Option<string?> theater = Column("--theater-column", "the theater id; default 'theaterId' or 'theater'");
    private readonly Option<string?> lat = Column("--lat-column", "latitude in decimal degrees; default 'latitude' or 'lat'");
    private readonly Option<string?> lon = Column("--lon-column", "longitude in decimal degrees; default 'longitude', 'lon' or 'lng'");
    private readonly Option<string?> id = Column("--id-column", "the idempotency key; default 'id', else {file-stem}:{row}");
    private readonly Option<string?> actor = Column("--actor-column", "who acted; default 'actor'");
    private readonly Option<string?> target = Column("--target-column", "who or what was hit; default 'target'");
    private readonly Option<string?> severity = Column("--severity-column", "severity 1-5; default 'severity'");
    private readonly Option<string?> fatalities = Column("--fatalities-column", "deaths, 0 or more; default 'fatalities'");
    private readonly Option<string?> place = Column("--location-column", "the place name; default 'location' or 'place'");
    private readonly Option<string?> fixedTheater =
        new("--theater") { Description = "Generic preset: put every row in this theater (a-z 0-9 - _, up to 64)", HelpName = "ID" };
    private readonly Option<string?> fixedChannel =
        new("--channel") { Description = "Generic preset: put every row on this channel", HelpName = "NAME" };

    private IEnumerable<Option> All =>
        [date, category, channel, theater, lat, lon, id, actor, target, severity, fatalities, place, fixedTheater, fixedChannel];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    public ColumnMapping Read(ParseResult parse) => new()
    {
        DateColumn = parse.GetValue(date), CategoryColumn = parse.GetValue(category),
        ChannelColumn = parse.GetValue(channel), TheaterColumn = parse.GetValue(theater),
        LatitudeColumn = parse.GetValue(lat), LongitudeColumn = parse.GetValue(lon), IdColumn = parse.GetValue(id),
        ActorColumn = parse.GetValue(actor), TargetColumn = parse.GetValue(target),
        SeverityColumn = parse.GetValue(severity), FatalitiesColumn = parse.GetValue(fatalities),
        LocationNameColumn = parse.GetValue(place), Theater = parse.GetValue(fixedTheater), Channel = parse.GetValue(fixedChannel),
    };

    private static Option<string?> Column(string name, string description) =>
        new(name) { Description = $"Generic preset: column holding {description}", HelpName = "COLUMN" };
}
