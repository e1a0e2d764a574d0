using System.Reflection;
using EscalationForecast.Api.Events;
using EscalationForecast.Api.Storage.EventTables;
using EscalationForecast.Api.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EscalationForecast.Api.Tests.Storage;

/// <summary>
/// The adapter writes Marten's event tables itself, so it must move with Marten: these fail when the tables Marten
/// creates no longer have the columns the adapter writes (or gain a required one it does not), and when Marten is
/// not the version the adapter was checked against; and events the adapter writes read back through Marten's API.
/// </summary>
public sealed class EventTablesTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public void Marten_is_the_version_the_adapter_was_checked_against()
    {
        var version = typeof(IDocumentStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.True(version == MartenEventTables.CheckedAgainst,
            $"Marten is {version}, the adapter was checked against {MartenEventTables.CheckedAgainst}: compare Marten's event tables and " +
            "its append with Storage/EventTables, then set MartenEventTables.CheckedAgainst.");
    }

    [Theory]
    [InlineData(MartenEventTables.Events)]
    [InlineData(MartenEventTables.Streams)]
    public async Task Marten_creates_the_columns_the_adapter_writes_and_requires_no_other(string table)
    {
        var written = table == MartenEventTables.Events ? MartenEventTables.EventColumns : MartenEventTables.StreamColumns;
        var columns = await ColumnsAsync(table);
        foreach (var (name, type) in written)
        {
            Assert.True(columns.TryGetValue(name, out var actual), $"{table} has no column {name} any more");
            Assert.Equal(type, actual.Type);
        }
        var requiredElsewhere = columns.Where(c => c.Value.Required && written.All(w => w.Name != c.Key)).Select(c => c.Key).ToArray();
        Assert.True(requiredElsewhere.Length == 0, $"{table} requires columns the adapter does not write: {string.Join(", ", requiredElsewhere)}");
    }

    [Fact]
    public async Task What_the_adapter_writes_Marten_reads_as_its_own()
    {
        var tables = service.Host.Services.GetRequiredService<EventTableWriter>();
        var database = service.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var theater = ServiceFixture.NewTheater("adapter");
        var at = new DateTimeOffset(2020, 1, 3, 0, 0, 0, TimeSpan.Zero);
        ITheaterEvent[] events =
        [
            new IncidentReported($"{theater}-1", theater, new Occurrence(at, true), "militia", 2, "rocket", null, null, null, null, at),
            new TheaterDescribed($"{theater}-2", theater, "Adapter", null, ["militia"], at),
        ];
        await using (var connection = await database.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            var rows = events.Select(e => new EventRow(theater, EventKinds.Of(e), e.GetType(), tables.Json(e))).ToArray();
            var stored = await tables.AppendAsync(connection, rows, TestContext.Current.CancellationToken);
            Assert.Equal(1, stored.FirstVersions[theater]);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        await using var session = service.Store.QuerySession();
        var read = await session.Events.FetchStreamAsync(theater, token: TestContext.Current.CancellationToken);
        Assert.Equal(events[0], read[0].Data);
        Assert.Equal(["militia"], Assert.IsType<TheaterDescribed>(read[1].Data).Channels);
        Assert.Equal([1L, 2L], read.Select(e => e.Version));
        Assert.Equal(2, (await session.Events.FetchStreamStateAsync(theater, TestContext.Current.CancellationToken))!.Version);
    }

    private async Task<Dictionary<string, (string Type, bool Required)>> ColumnsAsync(string table)
    {
        var database = service.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand(
            "select column_name, data_type, is_nullable = 'NO' and column_default is null from information_schema.columns where table_schema = $1 and table_name = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = service.Store.Options.Events.DatabaseSchemaName });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var columns = new Dictionary<string, (string, bool)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) columns[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
        return columns;
    }
}
