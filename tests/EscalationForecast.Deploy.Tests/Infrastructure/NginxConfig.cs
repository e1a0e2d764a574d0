using System.Text.RegularExpressions;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>An nginx configuration block: directives (name + arguments) and nested blocks.</summary>
public sealed class NginxBlock
{
    public string Name { get; init; } = "";
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public List<(string Name, IReadOnlyList<string> Args)> Directives { get; } = [];
    public List<NginxBlock> Blocks { get; } = [];

    public IEnumerable<IReadOnlyList<string>> All(string directive) =>
        Directives.Where(d => d.Name == directive).Select(d => d.Args);

    public IReadOnlyList<string>? First(string directive) => All(directive).FirstOrDefault();

    public IEnumerable<NginxBlock> Descendants(string name) =>
        Blocks.Where(b => b.Name == name).Concat(Blocks.SelectMany(b => b.Descendants(name)));

    /// <summary>Tokenizes and parses nginx syntax; throws <see cref="FormatException"/> on unbalanced braces or a missing ';'.</summary>
    public static NginxBlock Parse(string text, string name)
    {
        var tokens = Tokenize(text);
        var pos = 0;
        var root = new NginxBlock { Name = "main" };
        ParseInto(root, tokens, ref pos, name, topLevel: true);
        return root;
    }

    private static void ParseInto(NginxBlock block, List<string> tokens, ref int pos, string name, bool topLevel)
    {
        var current = new List<string>();
        while (pos < tokens.Count)
        {
            var t = tokens[pos++];
            switch (t)
            {
                case ";":
                    if (current.Count == 0) throw new FormatException($"{name}: stray ';'");
                    block.Directives.Add((current[0], current.Skip(1).ToList()));
                    current = [];
                    break;
                case "{":
                    if (current.Count == 0) throw new FormatException($"{name}: block without a name");
                    var child = new NginxBlock { Name = current[0], Arguments = current.Skip(1).ToList() };
                    ParseInto(child, tokens, ref pos, name, topLevel: false);
                    block.Blocks.Add(child);
                    current = [];
                    break;
                case "}":
                    if (topLevel) throw new FormatException($"{name}: unbalanced '}}'");
                    if (current.Count > 0) throw new FormatException($"{name}: directive '{string.Join(' ', current)}' is missing ';'");
                    return;
                default:
                    current.Add(t);
                    break;
            }
        }

        if (!topLevel) throw new FormatException($"{name}: block '{block.Name}' is not closed");
        if (current.Count > 0) throw new FormatException($"{name}: directive '{string.Join(' ', current)}' is missing ';'");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (Match m in Regex.Matches(text, @"#[^\n]*|""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};""'#]+"))
        {
            var v = m.Value;
            if (v.StartsWith('#')) continue;
            if (v.Length >= 2 && (v[0] == '"' || v[0] == '\'')) v = v[1..^1];
            tokens.Add(v);
        }

        return tokens;
    }
}
