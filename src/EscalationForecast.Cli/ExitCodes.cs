namespace EscalationForecast.Cli;

/// <summary>
/// What <c>forecast</c> exits with: 0 done, 1 the service refused the request or failed, 2 a usage error (bad
/// arguments, found before anything is sent), and from BSD <c>sysexits.h</c> 65 for input rows rejected (an import
/// that stored the rest) and 69 for a service that could not be reached.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0, Failed = 1, Usage = 2, DataRejected = 65, Unavailable = 69;
}
