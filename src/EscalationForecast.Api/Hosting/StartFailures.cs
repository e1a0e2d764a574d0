using System.Net.Sockets;
using System.Text.RegularExpressions;
using JasperFx;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace EscalationForecast.Api.Hosting;

/// <summary>
/// Every way the service is known to fail to start, turned into one sentence and an exit code
/// (<see cref="StartFailure"/>): what the service's own checks throw, and what ASP.NET Core and Npgsql throw when the
/// port is taken or the configured PostgreSQL does not answer or refuses the credentials. Anything else is a bug and
/// is left to show in full.
/// </summary>
public static partial class StartFailures
{
    /// <summary>
    /// Runs the service until it is stopped, or a JasperFx command (<c>codegen</c>, <c>db-apply</c>, ...) when the
    /// first argument names one. A start that fails throws (JasperFx's own run would log it and exit with 0).
    /// </summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            return await app.RunJasperFxCommands(args);
        }
        await app.StartAsync();
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// After a start that threw: stops the embedded PostgreSQL if it had started, and, for a known failure, writes its
    /// sentence alone to standard error and answers the exit code; null for an unknown one (a bug, to show in full).
    /// </summary>
    public static async Task<int?> ReportAsync(WebApplicationBuilder builder, Exception exception)
    {
        foreach (var cluster in builder.Services.Where(d => d.ServiceType == typeof(EmbeddedPostgres)).Select(d => d.ImplementationInstance).OfType<EmbeddedPostgres>())
        {
            await cluster.DisposeAsync();
        }
        if (Explain(exception, builder.Configuration) is not { } failure) return null;
        Console.Error.WriteLine($"EscalationForecast cannot start: {failure.Message}");
        return failure.ExitCode;
    }

    /// <summary>The one sentence for this failure to start, or null when it is not a known one.</summary>
    public static StartFailure? Explain(Exception exception, IConfiguration? configuration = null)
    {
        var chain = Chain(exception).ToArray();
        if (chain.OfType<StartFailure>().FirstOrDefault() is { } known) return known;
        if (chain.FirstOrDefault(e => e is AddressInUseException || e is IOException { Message: var m } && m.Contains("address already in use")) is { } inUse)
        {
            var address = chain.Select(e => BindAddress().Match(e.Message)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "the configured address";
            return new StartFailure($"Another program is listening on {address}: stop it, or start the service on another port (--urls http://127.0.0.1:5081).",
                StartFailure.Unavailable);
        }
        var server = Server(configuration);
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } refused)
        {
            return refused.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new StartFailure(
                    $"PostgreSQL at {server} refused the credentials of ConnectionStrings:Marten ({refused.MessageText}): correct the user name or password.",
                    StartFailure.NoPermission),
                PostgresErrorCodes.InvalidCatalogName => new StartFailure(
                    $"PostgreSQL at {server} has no database by the name ConnectionStrings:Marten gives: create it, or name one that exists.",
                    StartFailure.Configuration),
                _ => null,
            };
        }
        if (chain.OfType<NpgsqlException>().Any() && chain.Any(e => e is SocketException or TimeoutException))
        {
            return new StartFailure(
                $"PostgreSQL at {server} does not answer: start it, or correct the host and port in ConnectionStrings:Marten.",
                StartFailure.Unavailable);
        }
        return null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }

    /// <summary>Where the configured server is, never with its password: "host:port" (the embedded cluster's is never wrong).</summary>
    private static string Server(IConfiguration? configuration)
    {
        if (configuration?.GetConnectionString("Marten") is not { Length: > 0 } text) return "the configured server";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            return $"{builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "the configured server";
        }
    }

    [GeneratedRegex(@"bind to address (\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}
