using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// The 2019-2021 militia-vs-US file (<c>date, kind, actor, target, category, location, latitude, longitude, note</c>)
/// as one dyad theater, <c>iraq-us-militia</c>, with two channels so that cross-excitation measures retaliation:
/// <c>us</c> when the actor is the United States, <c>militia</c> for everyone else (Iran's own 2020-01-08 strike
/// included, as the other side of the dyad). A ceasefire is identified by its actor and target: the end row
/// repeats both, and the declaration binds the actor's channel.
/// </summary>
public sealed class UsMilitiaPreset : ImportPreset
{
    public const string Theater = "iraq-us-militia";

    public override string Name => "us-militia";

    public override string Description => $"2019-2021 militia attacks and US strikes in Iraq, theater '{Theater}', channels us/militia";

    public override IReadOnlyList<string> FileNamePatterns => ["us-militia-iraq*.csv"];

    /// <summary>The channel of an actor: the United States is one side of the dyad, everyone else the other.</summary>
    public static string ChannelOf(string actor) =>
        actor.Trim().Equals("United States", StringComparison.OrdinalIgnoreCase) ? "us" : "militia";

    public override IRowMapper CreateMapper(string fileName, CsvHeader header)
    {
        header.Require(Name, "date", "kind", "actor", "target", "category", "location", "latitude", "longitude");
        return new Mapper(fileName);
    }

    private sealed class Mapper(string fileName) : IRowMapper
    {
        private readonly Ceasefires open = new();

        public IReadOnlyList<EventItem> Map(CsvRow row)
        {
            var kind = row.Required("kind").ToLowerInvariant();
            var item = new EventItem
            {
                Id = ImportIds.ForRow(fileName, row.Row), Type = kind, TheaterId = Theater,
                OccurredAt = kind == EventTypes.Anniversary ? null : row.OccurredAt("date"),
            };
            return kind switch
            {
                EventTypes.Incident => [Incident(row, item)],
                EventTypes.CeasefireDeclared => [Declared(row, item)],
                EventTypes.CeasefireEnded => [Ended(row, item)],
                EventTypes.Anniversary => [item with { Date = row.BareDate("date"), Name = AnniversaryName(row) }],
                _ => throw new RowRejectedException("kind",
                    $"'{kind}' is not supported here; use incident, ceasefire-declared, ceasefire-ended or anniversary"),
            };
        }

        private static EventItem Incident(CsvRow row, EventItem item)
        {
            var actor = row.Required("actor", " (the channel, us or militia, comes from the actor)");
            return item with
            {
                Channel = ChannelOf(actor), Actor = actor, Target = row.Optional("target"),
                Category = row.Optional("category"),
                Location = row.Location("latitude", "longitude", row.Optional("location")),
            };
        }

        private EventItem Declared(CsvRow row, EventItem item)
        {
            var (actor, target) = (row.Required("actor"), row.Required("target"));
            open.Declare(Key(actor, target), row.Row, "actor");
            return item with { Name = $"{actor} ceasefire with {target}", Parties = [ChannelOf(actor)] };
        }

        private EventItem Ended(CsvRow row, EventItem item)
        {
            var reason = CeasefireEnding.Reason(row);
            var declaredRow = open.End(Key(row.Required("actor"), row.Required("target")), "actor");
            return item with { CeasefireId = ImportIds.ForRow(fileName, declaredRow), Reason = reason };
        }

        private static string Key(string actor, string target) => $"{actor} / {target}";

        // The file has no name column; the note's first clause names the day ("anniversary of the ... killing").
        private static string AnniversaryName(CsvRow row) =>
            row.Optional("note")?.Split(';')[0].Trim() is { Length: > 0 } clause ? clause : $"anniversary of {row.BareDate("date")}";
    }
}
