using EscalationForecast.Api.Storage.EventTables;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// Every theater's channels, one row each, written in the batch's transaction: a fit has a dimension per channel
/// (its excitation matrix grows with the square of their number), so a theater has at most
/// <c>Ingestion:MaxChannelsPerTheater</c>, and a batch that would add one more is refused whole, however many
/// batches try at once (each waits for the others' rows). The effect families of a theater's scheduled events are
/// bounded the same way, in a table of the same shape (<see cref="FamiliesTableName"/>): each is a fitted multiplier.
/// </summary>
public static class TheaterChannels
{
    public const string TableName = "ef_theater_channels";
    public const string FamiliesTableName = "ef_theater_families";

    public static Table Define(string schema, string name = TableName)
    {
        var table = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("theater_id").AsPrimaryKey();
        table.AddColumn<string>("channel").AsPrimaryKey();
        return table;
    }

    /// <summary>The channels an event gives its theater.</summary>
    public static IEnumerable<string> Of(ITheaterEvent e) => e switch
    {
        IncidentReported x => x.Attribution is { } shares ? shares.Select(s => s.Channel).Append(x.Channel).Distinct() : [x.Channel],
        IncidentRevised x => (x.Attribution?.Select(s => s.Channel) ?? []).Concat(x.Channel is { } c ? [c] : []).Distinct(),
        TheaterDescribed x => x.Channels,
        _ => [],
    };

    /// <summary>The effect family an event gives its theater.</summary>
    public static IEnumerable<string> FamiliesOf(ITheaterEvent e) => e switch
    {
        ScheduledEventRegistered x => [x.Family],
        ScheduledEventRevised { Family: { } family } => [family],
        _ => [],
    };

    /// <summary>A channel the batch adds to its theater, which then has <paramref name="Count"/>, beside the ones it had.</summary>
    public sealed record Added(string TheaterId, string Channel, int Count, string[] Existing);

    /// <summary>Adds the batch's channels (or families, to <paramref name="name"/>) and answers those that are new to their theater.</summary>
    public static async Task<List<Added>> AddAsync(NpgsqlConnection connection, string schema,
        IEnumerable<(string TheaterId, string Channel)> pairs, CancellationToken ct, string name = TableName)
    {
        var distinct = pairs.Distinct().OrderBy(p => p.TheaterId, StringComparer.Ordinal).ThenBy(p => p.Channel, StringComparer.Ordinal).ToArray();
        var added = new List<Added>();
        if (distinct.Length == 0) return added;
        // The statement's reads see the table as it was before its insert, so the count is what was there plus what it added.
        await using var command = new NpgsqlCommand(
            $"""
            with added as (
                insert into {schema}.{name} (theater_id, channel) select * from unnest($1::text[], $2::text[])
                on conflict do nothing returning theater_id, channel),
            existing as (
                select theater_id, count(*) as n, array_agg(channel order by channel) as channels from {schema}.{name}
                where theater_id in (select theater_id from added) group by theater_id)
            select a.theater_id, a.channel, coalesce(e.n, 0) + count(*) over (partition by a.theater_id), coalesce(e.channels, array[]::text[])
            from added a left join existing e using (theater_id)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = distinct.Select(p => p.TheaterId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = distinct.Select(p => p.Channel).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            added.Add(new Added(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2), reader.GetFieldValue<string[]>(3)));
        }
        return added;
    }

    /// <summary>Fills the table from the stored events when it is empty and events are stored (a store from before it).</summary>
    public static async Task FillAsync(NpgsqlConnection connection, string schema, EventTableReader tables, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into {schema}.{TableName} (theater_id, channel)
            select distinct f.stream_key, f.value from ({tables.FieldValuesQuery("channel", "$1")}) f
            where not exists (select 1 from {schema}.{TableName})
            union
            select distinct f.stream_key, f.value from ({tables.FieldValuesQuery("channels", "$2")}) f
            where not exists (select 1 from {schema}.{TableName})
            on conflict do nothing
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { EventKinds.Incident, EventKinds.IncidentRevised } });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { EventKinds.TheaterDescribed } });
        await command.ExecuteNonQueryAsync(ct);
    }
}
