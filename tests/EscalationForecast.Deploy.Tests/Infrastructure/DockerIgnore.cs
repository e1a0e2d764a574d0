using System.Text.RegularExpressions;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>
/// .dockerignore semantics as Docker applies them: patterns in order, the last
/// matching pattern wins, a '!' pattern re-includes, and a pattern matching a
/// parent directory matches everything below it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude, string Source)> _rules = [];

    public DockerIgnore(string? text)
    {
        foreach (var raw in (text ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var exclude = !line.StartsWith('!');
            var pattern = RepoSnapshot.Normalize(exclude ? line : line[1..].Trim());
            _rules.Add((ToRegex(pattern), exclude, line));
        }
    }

    public bool IsExcluded(string path)
    {
        var p = RepoSnapshot.Normalize(path);
        var excluded = false;
        foreach (var (pattern, exclude, _) in _rules)
        {
            if (MatchesOrParentMatches(pattern, p)) excluded = exclude;
        }

        return excluded;
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path)) return true;
        var parts = path.Split('/');
        for (var n = 1; n < parts.Length; n++)
        {
            if (pattern.IsMatch(string.Join('/', parts.Take(n)))) return true;
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more directories, "**" anything.
                if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                {
                    sb.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    sb.Append(".*");
                    i += 1;
                }
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
