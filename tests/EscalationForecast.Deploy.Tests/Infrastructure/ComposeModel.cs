using System.Text.RegularExpressions;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>A published port; <see cref="HostIp"/> null: every interface of the host.</summary>
public sealed record PortMapping(int? HostPort, int ContainerPort, string? HostIp = null);

public sealed record VolumeMount(string Source, string Target, bool IsBind);

/// <summary>Normalized view of a compose service (short and long syntaxes folded together).</summary>
public sealed class ComposeService(string name, Dictionary<string, object?> raw)
{
    public string Name { get; } = name;
    public Dictionary<string, object?> Raw { get; } = raw;

    public string? Image => Node.Str(Raw, "image");

    public object? Build => Raw.GetValueOrDefault("build");

    public string? BuildContext => Build is string s ? s : Node.Str(Build, "context");

    public string? BuildDockerfile => Build is string ? "Dockerfile" : Node.Str(Build, "dockerfile") ?? "Dockerfile";

    public IReadOnlyList<string> Profiles => Node.Strings(Raw, "profiles").ToList();

    public IReadOnlyList<string> Command => Words(Raw.GetValueOrDefault("command"));

    public Dictionary<string, object?>? Healthcheck => Node.Map(Raw.GetValueOrDefault("healthcheck"));

    public bool HealthcheckDisabled => Node.Bool(Healthcheck, "disable") == true;

    public IReadOnlyDictionary<string, string?> Environment
    {
        get
        {
            var env = new Dictionary<string, string?>(StringComparer.Ordinal);
            switch (Raw.GetValueOrDefault("environment"))
            {
                case Dictionary<string, object?> map:
                    foreach (var (k, v) in map) env[k] = Node.Str(v);
                    break;
                case List<object?> list:
                    foreach (var item in list.Select(i => Node.Str(i)).OfType<string>())
                    {
                        var kv = item.Split('=', 2);
                        env[kv[0]] = kv.Length == 2 ? kv[1] : null;
                    }

                    break;
            }

            return env;
        }
    }

    /// <summary>depends_on as service name to condition (the short form means service_started).</summary>
    public IReadOnlyDictionary<string, string> DependsOn
    {
        get
        {
            var deps = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Raw.GetValueOrDefault("depends_on"))
            {
                case List<object?> list:
                    foreach (var s in list.Select(i => Node.Str(i)).OfType<string>()) deps[s] = "service_started";
                    break;
                case Dictionary<string, object?> map:
                    foreach (var (k, v) in map) deps[k] = Node.Str(v, "condition") ?? "service_started";
                    break;
            }

            return deps;
        }
    }

    public IReadOnlyList<PortMapping> Ports
    {
        get
        {
            var result = new List<PortMapping>();
            foreach (var p in Node.List(Raw.GetValueOrDefault("ports")) ?? [])
            {
                if (Node.Map(p) is { } m)
                {
                    if (Node.Int(m, "target") is { } target) result.Add(new PortMapping(Node.Int(m, "published"), target, Node.Str(m, "host_ip")));
                    continue;
                }

                var spec = (Node.Str(p) ?? "").Split('/')[0];
                var parts = spec.Split(':');
                if (int.TryParse(parts[^1], out var container))
                {
                    result.Add(new PortMapping(parts.Length >= 2 && int.TryParse(parts[^2], out var host) ? host : null, container, parts.Length >= 3 ? parts[^3] : null));
                }
            }

            return result;
        }
    }

    /// <summary>Container ports the service makes reachable on the compose network (expose + ports).</summary>
    public IReadOnlySet<int> ContainerPorts =>
        Node.List(Raw.GetValueOrDefault("expose"))?.Select(e => Node.Int(e)).OfType<int>()
            .Concat(Ports.Select(p => p.ContainerPort)).ToHashSet() ?? Ports.Select(p => p.ContainerPort).ToHashSet();

    public IReadOnlyList<VolumeMount> Volumes
    {
        get
        {
            var result = new List<VolumeMount>();
            foreach (var v in Node.List(Raw.GetValueOrDefault("volumes")) ?? [])
            {
                if (Node.Map(v) is { } m)
                {
                    var src = Node.Str(m, "source") ?? "";
                    result.Add(new VolumeMount(src, Node.Str(m, "target") ?? "", Node.Str(m, "type") == "bind"));
                    continue;
                }

                var parts = (Node.Str(v) ?? "").Split(':');
                if (parts.Length < 2) continue;
                var source = parts[0];
                result.Add(new VolumeMount(source, parts[1], source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~')));
            }

            return result;
        }
    }

    private static IReadOnlyList<string> Words(object? value) => value switch
    {
        string s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        List<object?> l => l.Select(x => Node.Str(x) ?? "").ToList(),
        _ => [],
    };
}

/// <summary>A docker-compose file read with merge keys applied.</summary>
public sealed class ComposeModel
{
    public required string Path { get; init; }
    public required Dictionary<string, object?> Raw { get; init; }
    public required IReadOnlyDictionary<string, ComposeService> Services { get; init; }

    public string Directory => RepoSnapshot.DirectoryOf(Path);

    public IReadOnlyCollection<string> NamedVolumes => Node.Map(Raw.GetValueOrDefault("volumes"))?.Keys ?? (IReadOnlyCollection<string>)[];

    public static ComposeModel Load(RepoSnapshot repo, string path)
    {
        var text = repo.Read(path) ?? throw new InvalidOperationException($"{path} is missing");
        var raw = Node.Map(Yaml.LoadSingle(text, path)) ?? throw new FormatException($"{path}: not a mapping");
        var services = (Node.Map(raw.GetValueOrDefault("services")) ?? new())
            .Where(kv => Node.Map(kv.Value) is not null)
            .ToDictionary(kv => kv.Key, kv => new ComposeService(kv.Key, Node.Map(kv.Value)!), StringComparer.Ordinal);
        return new ComposeModel { Path = path, Raw = raw, Services = services };
    }

    /// <summary>Repository path a bind mount's host side refers to.</summary>
    public string HostPath(VolumeMount mount) => RepoSnapshot.Combine(Directory, mount.Source);

    /// <summary>Maps a path inside a container back to the repository through the service's bind mounts.</summary>
    public string? ResolveContainerPath(ComposeService service, string containerPath)
    {
        var target = RepoSnapshot.Normalize(containerPath);
        foreach (var mount in service.Volumes.Where(v => v.IsBind).OrderByDescending(v => v.Target.Length))
        {
            var t = RepoSnapshot.Normalize(mount.Target);
            if (target == t) return HostPath(mount);
            if (target.StartsWith(t + "/", StringComparison.Ordinal)) return RepoSnapshot.Combine(HostPath(mount), target[(t.Length + 1)..]);
        }

        return null;
    }

    /// <summary>The value compose would use when the variable is unset: <c>${X:-default}</c> becomes <c>default</c>.</summary>
    /// <summary>
    /// The value compose would use with no environment: <c>${X:-d}</c> is d; a required <c>${X:?message}</c>, which has
    /// no default, stands as <c>&lt;X&gt;</c> (so two settings that must agree are compared by the variable they read).
    /// </summary>
    public static string? Defaulted(string? value) =>
        value is null ? null : Regex.Replace(value, @"\$\{(?<n>[A-Za-z_][A-Za-z0-9_]*)(?:(?::?-(?<d>[^}]*))|(?<r>:?\?[^}]*))?\}",
            m => m.Groups["r"].Success ? $"<{m.Groups["n"].Value}>" : m.Groups["d"].Value);

    /// <summary>The variables a value reads with a default (<c>${X:-d}</c>, <c>${X-d}</c>, <c>${X}</c>): none may be a secret's.</summary>
    public static IEnumerable<string> DefaultedVariables(string value) =>
        Regex.Matches(value, @"\$\{(?<n>[A-Za-z_][A-Za-z0-9_]*)(?<rest>[^}]*)\}").Where(m => !m.Groups["rest"].Value.TrimStart(':').StartsWith('?'))
            .Select(m => m.Groups["n"].Value);
}
