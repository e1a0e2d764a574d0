using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>
/// Loads YAML (all documents) into plain trees: <see cref="Dictionary{TKey,TValue}"/> of
/// string to object?, <see cref="List{T}"/> of object?, string scalars and null.
/// Anchors/aliases are resolved and merge keys (<c>&lt;&lt;: *anchor</c>) are applied
/// the way Docker Compose applies them (explicit keys win). Duplicate keys are an error.
/// </summary>
public static class Yaml
{
    public static List<object?> LoadAll(string text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{name}: YAML does not parse: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // YamlMappingNode rejects duplicate keys.
            throw new FormatException($"{name}: YAML is invalid: {e.Message}", e);
        }

        return stream.Documents.Select(d => Convert(d.RootNode, name)).ToList();
    }

    public static object? LoadSingle(string text, string name)
    {
        var docs = LoadAll(text, name);
        if (docs.Count != 1) throw new FormatException($"{name}: expected one YAML document, found {docs.Count}");
        return docs[0];
    }

    private static object? Convert(YamlNode node, string name) => node switch
    {
        YamlScalarNode s => ScalarValue(s),
        YamlSequenceNode seq => seq.Children.Select(c => Convert(c, name)).ToList(),
        YamlMappingNode map => ConvertMap(map, name),
        _ => throw new FormatException($"{name}: unsupported YAML node {node.GetType().Name} at {node.Start}"),
    };

    private static object? ScalarValue(YamlScalarNode s)
    {
        if (s.Style == ScalarStyle.Plain && s.Tag.IsEmpty && s.Value is null or "" or "~" or "null" or "Null" or "NULL")
            return null;
        return s.Value ?? "";
    }

    private static Dictionary<string, object?> ConvertMap(YamlMappingNode map, string name)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);

        // Merge keys first (earlier merged maps win over later ones), explicit keys override.
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: "<<" }) continue;
            var sources = value switch
            {
                YamlMappingNode m => new[] { m },
                YamlSequenceNode seq => seq.Children.OfType<YamlMappingNode>().ToArray(),
                _ => throw new FormatException($"{name}: merge key at {key.Start} must reference a mapping"),
            };
            foreach (var source in sources)
            {
                foreach (var (k, v) in ConvertMap(source, name))
                {
                    result.TryAdd(k, v);
                }
            }
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode scalar)
                throw new FormatException($"{name}: non-scalar mapping key at {key.Start}");
            if (scalar.Value == "<<") continue;
            result[scalar.Value ?? ""] = Convert(value, name);
        }

        return result;
    }
}

/// <summary>Null-tolerant navigation over the trees <see cref="Yaml"/> and <see cref="Json"/> produce.</summary>
public static class Node
{
    public static Dictionary<string, object?>? Map(object? o) => o as Dictionary<string, object?>;

    public static List<object?>? List(object? o) => o as List<object?>;

    public static object? At(object? o, params string[] path)
    {
        foreach (var key in path)
        {
            if (Map(o) is not { } m || !m.TryGetValue(key, out o)) return null;
        }

        return o;
    }

    public static string? Str(object? o, params string[] path) => At(o, path) switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static int? Int(object? o, params string[] path) =>
        int.TryParse(Str(o, path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static bool? Bool(object? o, params string[] path) => Str(o, path) switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => null,
    };

    public static IEnumerable<Dictionary<string, object?>> Maps(object? o, params string[] path) =>
        List(At(o, path))?.OfType<Dictionary<string, object?>>() ?? [];

    public static IEnumerable<string> Strings(object? o, params string[] path) =>
        List(At(o, path))?.Select(x => Str(x)).OfType<string>() ?? [];

    /// <summary>Labels of a matchLabels-style map as strings.</summary>
    public static Dictionary<string, string> StringMap(object? o, params string[] path) =>
        Map(At(o, path))?.Where(kv => Str(kv.Value) is not null)
            .ToDictionary(kv => kv.Key, kv => Str(kv.Value)!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
