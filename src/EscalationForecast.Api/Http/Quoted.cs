namespace EscalationForecast.Api.Http;

/// <summary>What an error answer may quote of a caller's value: a short prefix, so a 4 MB value is not sent back.</summary>
public static class Quoted
{
    public const int MaxLength = 40;

    public static string Prefix(string? value) =>
        value is null ? "" : value.Length <= MaxLength ? value : string.Concat(value.AsSpan(0, MaxLength), "…");
}
