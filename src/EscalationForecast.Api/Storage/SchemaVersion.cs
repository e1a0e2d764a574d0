using EscalationForecast.Api.Hosting;
using Npgsql;

namespace EscalationForecast.Api.Storage;

/// <summary>
/// The version of the database schema this build writes, kept in the database (<c>ef_schema_version</c>, in the
/// event store's schema) beside Marten's and Wolverine's tables. A build meets a database that a newer build has
/// migrated with a <see cref="StartFailure"/> before Marten or Wolverine touch it: migrating it back could break the
/// newer build's data, and reading it could be wrong. Raise <see cref="Current"/> whenever a change to the stored
/// events, documents or tables is one an older build cannot read.
/// </summary>
public static class SchemaVersion
{
    public const int Current = 2; // 2: scheduled events and attributed incidents
    public const string TableName = "ef_schema_version";

    /// <summary>Refuses a database a newer build has written; else records this build's version in it.</summary>
    public static async Task CheckAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var table = $"{schema}.{TableName}";
        await using (var create = new NpgsqlCommand(
            $"create schema if not exists {schema}; create table if not exists {table} (id int primary key, version int not null)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using (var read = new NpgsqlCommand($"select version from {table} where id = 1", connection))
        {
            if (await read.ExecuteScalarAsync() is int stored && stored > Current)
            {
                throw new StartFailure(
                    $"The database {connection.Database} holds schema version {stored}, written by a newer EscalationForecast than this one " +
                    $"(which writes version {Current}): run that release or a later one, or point ConnectionStrings:Marten at another database.",
                    StartFailure.Configuration);
            }
        }
        await using var record = new NpgsqlCommand(
            $"insert into {table} (id, version) values (1, {Current}) on conflict (id) do update set version = greatest({table}.version, excluded.version)", connection);
        await record.ExecuteNonQueryAsync();
    }
}
