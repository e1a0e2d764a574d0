namespace EscalationForecast.Api.Hosting;

/// <summary>
/// A start that cannot succeed, said in one sentence that tells what to do, and the process's exit code (the BSD
/// <c>sysexits.h</c> codes, so scripts and service managers can tell the causes apart). The service prints the
/// sentence alone, without a stack trace: it is the operator's to act on, not a bug.
/// </summary>
public sealed class StartFailure(string sentence, int exitCode) : Exception(sentence)
{
    /// <summary>Something the service needs is not there or does not answer: PostgreSQL, its port, a server.</summary>
    public const int Unavailable = 69;

    /// <summary>A file or folder the service must write cannot be made.</summary>
    public const int CannotCreate = 73;

    /// <summary>Refused: a folder belongs to someone else, a server refuses the credentials.</summary>
    public const int NoPermission = 77;

    /// <summary>The configuration is wrong or names something that does not fit (a transport without its address, a newer schema).</summary>
    public const int Configuration = 78;

    public int ExitCode { get; } = exitCode;
}
