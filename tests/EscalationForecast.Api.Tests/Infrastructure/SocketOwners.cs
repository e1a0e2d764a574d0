using System.Globalization;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// Which process holds a loopback TCP connection, read from Linux's <c>/proc</c>: the connection's socket inode from
/// <c>/proc/net/tcp</c> (and <c>tcp6</c>), found among a process's open files. Lets a test tell which of two
/// service nodes made a webhook call, from the receiver's view of the caller's port.
/// </summary>
public static class SocketOwners
{
    /// <summary>Whether process <paramref name="pid"/> holds the connection from local port <paramref name="port"/> to <paramref name="peerPort"/>.</summary>
    public static bool Holds(int pid, int port, int peerPort)
    {
        var inode = Inode(port, peerPort);
        if (inode is null) return false;
        try
        {
            return Directory.EnumerateFiles($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == $"socket:[{inode}]");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the process is gone, or a descriptor closed while we looked
        }
    }

    private static string? Inode(int port, int peerPort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && PortOf(fields[1]) == port && PortOf(fields[2]) == peerPort) return fields[9];
            }
        }
        return null;
    }

    private static int PortOf(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
