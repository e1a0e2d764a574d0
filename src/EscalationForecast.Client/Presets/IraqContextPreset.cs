using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Presets;

/// <summary>
/// The 2007-2008 context file (<c>date, kind, name, parties, note</c>). Ceasefires and anniversaries were national,
/// so each row is replicated into every city theater, with the theater in the id (<c>{stem}:{row}:{theater}</c>).
/// A <c>ceasefire-ended</c> row names the ceasefire; it is matched to the latest open declaration of that name.
/// <c>ceasefire-extended</c> has no event in the vocabulary and changes nothing (the ceasefire stays in force until
/// ended), so it is skipped as <see cref="RejectionKind.Unsupported"/>.
/// </summary>
public sealed class IraqContextPreset(IReadOnlyList<string> theaters) : ImportPreset
{
    public IraqContextPreset() : this(IraqCityTheaters.CityTheaterIds) { }

    public override string Name => "iraq-context";

    public override string Description =>
        $"2007-2008 ceasefires and anniversaries, one event per city theater ({string.Join(", ", theaters)})";

    public override IReadOnlyList<string> FileNamePatterns => ["iraq-2007-2008-context*.csv"];

    public IReadOnlyList<string> Theaters => theaters;

    public override IRowMapper CreateMapper(string fileName, CsvHeader header)
    {
        header.Require(Name, "date", "kind", "name", "parties");
        return new Mapper(fileName, theaters);
    }

    private sealed class Mapper(string fileName, IReadOnlyList<string> theaters) : IRowMapper
    {
        private readonly Ceasefires open = new();

        public IReadOnlyList<EventItem> Map(CsvRow row)
        {
            var kind = row.Required("kind").ToLowerInvariant();
            return kind switch
            {
                EventTypes.Anniversary => Replicate(row, theater => new EventItem
                {
                    Id = ImportIds.ForRow(fileName, row.Row, theater), Type = kind, TheaterId = theater,
                    Date = row.BareDate("date"), Name = row.Required("name"),
                }),
                EventTypes.CeasefireDeclared => Declare(row, kind),
                EventTypes.CeasefireEnded => End(row, kind),
                "ceasefire-extended" => throw new RowRejectedException("kind",
                    "'ceasefire-extended' is not in the event vocabulary; skipped, and the ceasefire stays in force " +
                    "until a 'ceasefire-ended' row", RejectionKind.Unsupported),
                _ => throw new RowRejectedException("kind",
                    $"'{kind}' is not a context kind; use anniversary, ceasefire-declared or ceasefire-ended"),
            };
        }

        private EventItem[] Declare(CsvRow row, string kind)
        {
            var name = row.Required("name");
            var parties = (row.Optional("parties") ?? "")
                .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var occurredAt = row.OccurredAt("date");
            var items = Replicate(row, theater => new EventItem
            {
                Id = ImportIds.ForRow(fileName, row.Row, theater), Type = kind, TheaterId = theater,
                OccurredAt = occurredAt, Name = name, Parties = parties,
            });
            open.Declare(name, row.Row, "name");
            return items;
        }

        private EventItem[] End(CsvRow row, string kind)
        {
            var name = row.Required("name");
            var occurredAt = row.OccurredAt("date");
            var reason = CeasefireEnding.Reason(row);
            var declaredRow = open.End(name, "name");
            return Replicate(row, theater => new EventItem
            {
                Id = ImportIds.ForRow(fileName, row.Row, theater), Type = kind, TheaterId = theater,
                OccurredAt = occurredAt, CeasefireId = ImportIds.ForRow(fileName, declaredRow, theater),
                Reason = reason,
            });
        }

        private EventItem[] Replicate(CsvRow row, Func<string, EventItem> create) => theaters.Select(create).ToArray();
    }
}
