using System.Text.RegularExpressions;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>Extracts the metric names a PromQL expression selects (not a full parser: enough for dashboards and rules).</summary>
public static class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
        "offset", "inf", "nan", "Inf", "NaN", "atan2",
    };

    public static IReadOnlyList<string> MetricNames(string expr)
    {
        var e = Regex.Replace(expr, @"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`", " ");
        e = Regex.Replace(e, @"\{[^}]*\}", " ");
        e = Regex.Replace(e, @"\[[^\]]*\]", " ");
        e = Regex.Replace(e, @"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ");
        e = Regex.Replace(e, @"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", " "); // Grafana variables
        var names = new List<string>();
        foreach (Match m in Regex.Matches(e, @"(?<![\w.$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?"))
        {
            if (m.Groups["call"].Success) continue; // function or aggregation
            var name = m.Groups["name"].Value;
            if (Keywords.Contains(name)) continue;
            names.Add(name);
        }

        return names.Distinct().ToList();
    }
}
