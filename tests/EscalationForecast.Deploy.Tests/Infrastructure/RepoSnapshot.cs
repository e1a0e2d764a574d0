namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>
/// An in-memory view of the repository as the checks see it: every file under
/// <c>deploy/</c> is read into memory (so mutation tests can edit a copy), any
/// other path is looked up on disk. Paths are repository-relative with '/'.
/// </summary>
public sealed class RepoSnapshot
{
    private readonly Dictionary<string, string?> _overrides;

    private RepoSnapshot(string root, Dictionary<string, string?> overrides)
    {
        Root = root;
        _overrides = overrides;
    }

    public string Root { get; }

    private static readonly Lazy<RepoSnapshot> Current = new(() => new RepoSnapshot(FindRoot(), new()));

    /// <summary>The repository the tests run in, unchanged.</summary>
    public static RepoSnapshot Load() => Current.Value;

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EscalationForecast.sln")) &&
                Directory.Exists(Path.Combine(dir.FullName, "deploy")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No repository root (EscalationForecast.sln + deploy/) above {AppContext.BaseDirectory}.");
    }

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                else parts.Add("..");
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Joins a base directory and a relative path the way a tool would resolve it.</summary>
    public static string Combine(string baseDir, string relative) =>
        relative.StartsWith('/') ? Normalize(relative) : Normalize(baseDir + "/" + relative);

    public static string DirectoryOf(string path)
    {
        var n = Normalize(path);
        var i = n.LastIndexOf('/');
        return i < 0 ? "" : n[..i];
    }

    public string? Read(string path)
    {
        var n = Normalize(path);
        if (_overrides.TryGetValue(n, out var text)) return text;
        var full = Path.Combine(Root, n);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    public bool FileExists(string path) => Read(path) is not null;

    /// <summary>True when a directory exists, or holds an overridden file.</summary>
    public bool DirectoryExists(string path)
    {
        var n = Normalize(path);
        if (n == "") return true;
        if (_overrides.Any(o => o.Value is not null && o.Key.StartsWith(n + "/", StringComparison.Ordinal))) return true;
        return Directory.Exists(Path.Combine(Root, n));
    }

    /// <summary>Files under a directory (recursive), repository-relative, sorted.</summary>
    public IReadOnlyList<string> FilesUnder(string dir)
    {
        var n = Normalize(dir);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        var full = Path.Combine(Root, n);
        if (Directory.Exists(full))
        {
            foreach (var f in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                var rel = Normalize(Path.GetRelativePath(Root, f));
                if (rel.Split('/').Any(p => p is "bin" or "obj")) continue;
                set.Add(rel);
            }
        }

        foreach (var (path, text) in _overrides)
        {
            if (!path.StartsWith(n + "/", StringComparison.Ordinal)) continue;
            if (text is null) set.Remove(path);
            else set.Add(path);
        }

        return set.ToList();
    }

    public RepoSnapshot WithFile(string path, string? text)
    {
        var copy = new Dictionary<string, string?>(_overrides) { [Normalize(path)] = text };
        return new RepoSnapshot(Root, copy);
    }

    public RepoSnapshot Without(string path) => WithFile(path, null);

    /// <summary>Replaces the first occurrence of <paramref name="find"/>; throws if it is absent, so a stale mutation cannot pass silently.</summary>
    public RepoSnapshot WithEdit(string path, string find, string replace)
    {
        var text = Read(path) ?? throw new InvalidOperationException($"{path} does not exist");
        var i = text.IndexOf(find, StringComparison.Ordinal);
        if (i < 0) throw new InvalidOperationException($"'{find}' not found in {path}: the mutation is stale");
        return WithFile(path, text[..i] + replace + text[(i + find.Length)..]);
    }
}
