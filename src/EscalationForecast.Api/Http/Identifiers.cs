using System.Text.RegularExpressions;

namespace EscalationForecast.Api.Http;

/// <summary>
/// The spec's names: a theater or channel id is 1-64 characters of a-z, 0-9, '-' and '_'; other ids (events,
/// rules, alerts) are at most 128 characters. A path naming something that cannot exist is refused at the edge
/// with the rule, before any lookup (or cache entry) is made for it.
/// </summary>
public static partial class Identifiers
{
    public const int MaxIdLength = 128;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    public static bool IsName(string text) => NamePattern().IsMatch(text);

    public static IApplicationBuilder UseIdentifierChecks(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var values = context.Request.RouteValues;
        if (values.Count == 0) return next(context);
        if (values.TryGetValue("theaterId", out var theater) && theater is string t && !IsName(t))
        {
            return Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request is invalid",
                $"The theater id in the path must be 1-64 characters of a-z, 0-9, '-' and '_'; '{Quoted.Prefix(t)}' is not.").AsTask();
        }
        foreach (var (name, value) in values)
        {
            if (value is string { Length: > MaxIdLength } id)
            {
                return Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request is invalid",
                    $"The {name} in the path must be at most {MaxIdLength} characters; '{Quoted.Prefix(id)}' has {id.Length:N0}.").AsTask();
            }
        }
        return next(context);
    });
}
