using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// The geocausal files (<c>date, longitude, latitude, type</c>): one incident per row, in the city theater whose box
/// holds the point (else <c>iraq-other</c>), on one channel per file so the model's cross-excitation between
/// <c>insurgent</c> and <c>coalition</c> can measure retaliation. The <c>type</c> column (IED, SAF, other, Airstrike,
/// SOF) becomes the category; severity is left to the server's default because the data has none.
/// </summary>
public sealed class GeocodedIncidentsPreset(string name, string channel, string description, params string[] patterns)
    : ImportPreset
{
    public override string Name => name;
    public override string Description => description;
    public override IReadOnlyList<string> FileNamePatterns => patterns;

    /// <summary>Every row goes to this channel.</summary>
    public string Channel => channel;

    public override IRowMapper CreateMapper(string fileName, CsvHeader header)
    {
        header.Require(name, "date", "longitude", "latitude", "type");
        return new Mapper(fileName, channel);
    }

    private sealed class Mapper(string fileName, string channel) : IRowMapper
    {
        public IReadOnlyList<EventItem> Map(CsvRow row)
        {
            var occurredAt = row.OccurredAt("date");
            // Without coordinates the row cannot be placed in a theater, so both are required here.
            row.Required("latitude", " (the theater is chosen by coordinates)");
            row.Required("longitude", " (the theater is chosen by coordinates)");
            var location = row.Location("latitude", "longitude")!;
            return
            [
                new EventItem
                {
                    Id = ImportIds.ForRow(fileName, row.Row),
                    Type = EventTypes.Incident,
                    TheaterId = IraqCityTheaters.TheaterAt(location.Lat, location.Lon),
                    OccurredAt = occurredAt,
                    Channel = channel,
                    Category = row.Optional("type"),
                    Location = location,
                },
            ];
        }
    }
}
