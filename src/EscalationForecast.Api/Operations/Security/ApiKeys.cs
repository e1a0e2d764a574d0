using System.Security.Cryptography;
using System.Text;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>One configured key: <c>Security:ApiKeys:N:key</c> and <c>Security:ApiKeys:N:scopes</c>.</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";
    public string[] Scopes { get; set; } = [];
}

public sealed class SecurityOptions
{
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>
    /// With keys configured, reads (the dashboard's and the read API's) need no key: the operator's choice for a
    /// dashboard shown to everyone who reaches it. Writes and admin still need their scopes; a key that is sent must
    /// still be valid.
    /// </summary>
    public bool AnonymousRead { get; set; }
}

public static class Scopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public const string ClaimType = "scope";
}

/// <summary>
/// The configured keys, held only as SHA-256 digests. A presented key is hashed and compared with every digest
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the comparison nor which entry matched
/// shows in the timing. Keys never leave this class: callers learn the entry's index and scopes only.
/// </summary>
public sealed class ApiKeys
{
    private readonly (byte[] Digest, string[] Scopes)[] _keys;

    public ApiKeys(SecurityOptions options) =>
        _keys = options.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.Key))
            .Select(k => (Digest(k.Key), k.Scopes.Select(s => s.Trim().ToLowerInvariant()).ToArray()))
            .ToArray();

    /// <summary>No keys: reads are open and writes come from loopback only.</summary>
    public bool Configured => _keys.Length > 0;

    public bool TryMatch(string presented, out int index, out string[] scopes)
    {
        var digest = Digest(presented);
        index = -1;
        scopes = [];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _keys[i].Digest) && index < 0)
            {
                index = i;
                scopes = _keys[i].Scopes;
            }
        }
        return index >= 0;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
