namespace EscalationForecast.Api.Hosting;

/// <summary>Finds the PostgreSQL server binaries (initdb, pg_ctl, postgres).</summary>
public static class PostgresBinaries
{
    public const string MissingMessage =
        "PostgreSQL was not found: install its server binaries (for example 'apt-get install postgresql', " +
        "which provides initdb and pg_ctl) or set ConnectionStrings:Marten to an existing PostgreSQL server.";

    /// <summary>
    /// The directory holding initdb and pg_ctl: <paramref name="configured"/> (<c>EmbeddedPostgres:BinDirectory</c>) when
    /// set, else on the PATH, or under /usr/lib/postgresql (newest first).
    /// </summary>
    public static string Locate(string? configured = null) => configured is { Length: > 0 }
        ? Locate([configured])
        : Locate((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin"))
                : []));

    public static string Locate(IEnumerable<string> candidates)
    {
        foreach (var directory in candidates)
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }
        throw new StartFailure(MissingMessage, StartFailure.Unavailable);
    }
}
