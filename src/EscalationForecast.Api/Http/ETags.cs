using System.Security.Cryptography;

namespace EscalationForecast.Api.Http;

/// <summary>Answers whose bytes are known before they are sent: an ETag of the bytes, and <c>304</c> on a matching <c>If-None-Match</c>.</summary>
public static class ETags
{
    public static string Of(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";

    public static IResult Answer(HttpContext context, byte[] json, string etag, string cacheControl)
    {
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = cacheControl;
        return context.Request.Headers.IfNoneMatch.Contains(etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(json, "application/json");
    }
}
