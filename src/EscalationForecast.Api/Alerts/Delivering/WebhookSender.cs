using System.Security.Cryptography;
using System.Text;

namespace EscalationForecast.Api.Alerts.Delivering;

/// <summary>What one webhook call came to: a 2xx, or why not (a status code or the failure's type, never a message).</summary>
public sealed record WebhookOutcome(bool Delivered, string? Error);

/// <summary>
/// POSTs a signed alert body. <c>X-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body with the rule's
/// secret&gt;</c>; <c>X-Alert-Id</c> lets a receiver drop a repeat (delivery is at least once). Redirects are not
/// followed (they could lead past the allow-list) and count as failures, as does anything not 2xx or slower than
/// <c>Alerting:TimeoutSeconds</c>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "alert-webhooks";
    public const string SignatureHeader = "X-Signature-256";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task<WebhookOutcome> SendAsync(string url, string secret, string body, string alertId, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(secret, bytes));
        request.Headers.Add("X-Alert-Id", alertId);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode
                ? new WebhookOutcome(true, null)
                : new WebhookOutcome(false, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebhookOutcome(false, e is TaskCanceledException ? "timeout" : $"{e.GetType().Name} ({(e as HttpRequestException)?.HttpRequestError})");
        }
    }
}
