using System.Text.Json;
using System.Text.RegularExpressions;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>One Dockerfile instruction after line continuations are joined.</summary>
public sealed record Instruction(string Keyword, string Arguments, int Line, int Stage)
{
    /// <summary>Leading <c>--flag=value</c> options (e.g. COPY --from=build).</summary>
    public IReadOnlyDictionary<string, string> Flags => DockerfileModel.SplitFlags(Arguments).Flags;

    /// <summary>Arguments without the leading flags.</summary>
    public string Rest => DockerfileModel.SplitFlags(Arguments).Remainder;

    /// <summary>Exec form (JSON array) arguments, or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith('[')) return null;
        try
        {
            return JsonSerializer.Deserialize<string[]>(t);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record Stage(int Index, string Image, string? Name);

/// <summary>A small Dockerfile reader: enough to check structure and cross-file references.</summary>
public sealed class DockerfileModel
{
    public required IReadOnlyList<Instruction> Instructions { get; init; }
    public required IReadOnlyList<Stage> Stages { get; init; }

    /// <summary>ARG defaults declared before the first FROM (usable in FROM lines).</summary>
    public required IReadOnlyDictionary<string, string> GlobalArgs { get; init; }

    public Stage? FinalStage => Stages.Count == 0 ? null : Stages[^1];

    public IEnumerable<Instruction> In(Stage stage, string keyword) =>
        Instructions.Where(i => i.Stage == stage.Index && i.Keyword == keyword);

    public static DockerfileModel Parse(string text)
    {
        var instructions = new List<Instruction>();
        var stages = new List<Stage>();
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;

            var start = i + 1;
            var joined = line.TrimEnd();
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined = joined[..^1].TrimEnd();
                // Comment lines inside a continuation are dropped, as Docker does.
                do
                {
                    i++;
                }
                while (i < lines.Length && lines[i].TrimStart().StartsWith('#'));

                if (i >= lines.Length) break;
                joined = (joined + " " + lines[i].Trim()).TrimEnd();
            }

            var m = Regex.Match(joined.Trim(), @"^(?<kw>[A-Za-z]+)\s*(?<args>.*)$", RegexOptions.Singleline);
            if (!m.Success) continue;
            var keyword = m.Groups["kw"].Value.ToUpperInvariant();
            var args = m.Groups["args"].Value.Trim();

            if (keyword == "FROM")
            {
                stage++;
                var (_, rest) = SplitFlags(args);
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var image = Substitute(parts.ElementAtOrDefault(0) ?? "", globalArgs);
                var name = parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null;
                stages.Add(new Stage(stage, image, name));
            }
            else if (keyword == "ARG" && stage < 0)
            {
                var kv = args.Split('=', 2);
                if (kv.Length == 2) globalArgs[kv[0].Trim()] = kv[1].Trim().Trim('"');
            }

            instructions.Add(new Instruction(keyword, args, start, stage));
        }

        return new DockerfileModel { Instructions = instructions, Stages = stages, GlobalArgs = globalArgs };
    }

    public static (IReadOnlyDictionary<string, string> Flags, string Remainder) SplitFlags(string arguments)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = arguments.TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(' ');
            var flag = end < 0 ? rest : rest[..end];
            var kv = flag[2..].Split('=', 2);
            flags[kv[0]] = kv.Length == 2 ? kv[1] : "";
            rest = end < 0 ? "" : rest[end..].TrimStart();
        }

        return (flags, rest);
    }

    public static string Substitute(string value, IReadOnlyDictionary<string, string> vars) =>
        Regex.Replace(value, @"\$\{(?<n>[A-Za-z_][A-Za-z0-9_]*)(:-(?<d>[^}]*))?\}|\$(?<n2>[A-Za-z_][A-Za-z0-9_]*)", m =>
        {
            var name = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["n2"].Value;
            if (vars.TryGetValue(name, out var v)) return v;
            return m.Groups["d"].Success ? m.Groups["d"].Value : m.Value;
        });

    /// <summary>ENV key=value pairs declared in a stage (the modern key=value form).</summary>
    public IReadOnlyDictionary<string, string> Env(Stage stage)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in In(stage, "ENV"))
        {
            foreach (Match m in Regex.Matches(i.Arguments, @"(?<k>[A-Za-z_][A-Za-z0-9_]*)=(?<v>""[^""]*""|\S*)"))
            {
                env[m.Groups["k"].Value] = m.Groups["v"].Value.Trim('"');
            }
        }

        return env;
    }

    /// <summary>COPY/ADD sources and destination, for the shell and JSON forms.</summary>
    public static (IReadOnlyList<string> Sources, string Destination) CopyOperands(Instruction copy)
    {
        var rest = copy.Rest;
        var parts = copy.ExecForm(rest)?.ToList()
                    ?? rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count < 2) return ([], parts.FirstOrDefault() ?? "");
        return (parts.Take(parts.Count - 1).ToList(), parts[^1]);
    }
}
