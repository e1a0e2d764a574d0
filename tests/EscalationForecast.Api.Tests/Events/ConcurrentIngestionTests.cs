using EscalationForecast.Api.Tests.Infrastructure;
using Npgsql;
using static EscalationForecast.Api.Tests.Infrastructure.HttpExtensions;

namespace EscalationForecast.Api.Tests.Events;

public sealed class ConcurrentIngestionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Concurrent_overlapping_batches_store_every_event_exactly_once()
    {
        var theater = ServiceFixture.NewTheater("race");
        object Item(int i) => Incident($"{theater}-{i}", theater, DateOnly.FromDayNumber(737_000 + i / 25).ToString("yyyy-MM-dd"));

        // Four clients, each posting 1,500-item batches that overlap their neighbours' by half.
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var results = new List<(int Status, int Appended, int Duplicates)>();
            for (var round = 0; round < 3; round++)
            {
                var start = c * 750 + round * 1000;
                var (status, body, _) = await service.Host.PostEventsAsync(Enumerable.Range(start, 1500).Select(Item).ToArray());
                Assert.True(status == 200, body?.ToJsonString());
                results.Add((status, body!["appended"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
            }
            return results;
        })).ToArray();
        var all = (await Task.WhenAll(clients)).SelectMany(r => r).ToList();

        Assert.All(all, r => Assert.Equal(200, r.Status));
        Assert.All(all, r => Assert.Equal(1500, r.Appended + r.Duplicates));
        var distinct = Enumerable.Range(0, 4).SelectMany(c => Enumerable.Range(0, 3).SelectMany(round => Enumerable.Range(c * 750 + round * 1000, 1500))).Distinct().Count();
        Assert.Equal(distinct, all.Sum(r => r.Appended));

        await using var database = NpgsqlDataSource.Create(service.ConnectionString);
        await using var count = database.CreateCommand("select count(*), count(distinct data->>'id') from mt_events where stream_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = theater });
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(distinct, reader.GetInt64(0));
        Assert.Equal(distinct, reader.GetInt64(1));
    }

    [Fact]
    public async Task The_service_uses_the_configured_database()
    {
        var dataSource = (NpgsqlDataSource)service.Host.Services.GetService(typeof(NpgsqlDataSource))!;
        Assert.Equal(new NpgsqlConnectionStringBuilder(service.ConnectionString).Database,
            new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database);
    }
}
