using System.Text.Json;

namespace EscalationForecast.Client.Http;

/// <summary>An <c>application/problem+json</c> answer (RFC 9457) with the contract's per-item <c>errors</c>.</summary>
public sealed record ApiProblem(
    int Status, string? Title, string? Detail, string? Type, IReadOnlyList<ApiItemError> Errors)
{
    /// <summary>
    /// Reads a problem body leniently: the contract fixes <c>errors</c> as a list of
    /// <c>{ index, id, field, reason }</c>, but a proxy or the framework may answer with plain text or with
    /// ASP.NET's <c>{ field: [messages] }</c> map, and the caller still deserves the text.
    /// </summary>
    public static ApiProblem Parse(int status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new ApiProblem(status, null, Shorten(body), null, []);
            return new ApiProblem(
                status, Text(root, "title"), Text(root, "detail"), Text(root, "type"), ReadErrors(root));
        }
        catch (JsonException)
        {
            return new ApiProblem(status, null, Shorten(body), null, []);
        }
    }

    private static IReadOnlyList<ApiItemError> ReadErrors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors)) return [];
        if (errors.ValueKind == JsonValueKind.Array)
            return errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new ApiItemError(
                e.TryGetProperty("index", out var i) && i.TryGetInt32(out var index) ? index : null,
                Text(e, "id"), Text(e, "field"),
                Text(e, "reason") ?? Text(e, "message") ?? Text(e, "detail") ?? e.GetRawText())).ToList();
        if (errors.ValueKind == JsonValueKind.Object)
            return errors.EnumerateObject().SelectMany(field => field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(m => new ApiItemError(null, null, field.Name, m.ToString()))
                : [new ApiItemError(null, null, field.Name, field.Value.ToString())]).ToList();
        return [];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static string? Shorten(string body) =>
        string.IsNullOrWhiteSpace(body) ? null : body.Length <= 500 ? body.Trim() : body[..500] + "...";

    /// <summary>One line for logs and the CLI: status, title and detail.</summary>
    public override string ToString() =>
        $"{Status}{(Title is null ? "" : " " + Title)}{(Detail is null ? "" : ": " + Detail)}";
}

/// <summary>One invalid item of a refused batch: its position in the posted array, its id, the field and why.</summary>
public sealed record ApiItemError(int? Index, string? Id, string? Field, string Reason);
