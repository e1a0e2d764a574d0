using System.Globalization;
using System.Text.Json;

namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>System.Text.Json into the same plain trees as <see cref="Yaml"/> (numbers and bools become strings via <see cref="Node.Str"/>).</summary>
public static class Json
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static object? Load(string text, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, Options);
            return Convert(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: JSON does not parse: {e.Message}", e);
        }
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(
            new Dictionary<string, object?>(StringComparer.Ordinal),
            (d, p) => { d[p.Name] = Convert(p.Value); return d; }),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
