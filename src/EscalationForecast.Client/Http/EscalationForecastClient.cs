using System.Net.Http.Json;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Importing;

namespace EscalationForecast.Client.Http;

/// <summary>
/// A thin typed wrapper over <see cref="HttpClient"/> for the EscalationForecast API: it fixes the JSON
/// conventions and turns every non-2xx answer into a <see cref="ForecastApiException"/> carrying the problem.
/// </summary>
public sealed class EscalationForecastClient : IEventAppender, IDisposable
{
    /// <summary>Where the embedded default server listens (loopback only).</summary>
    public static Uri DefaultBaseAddress { get; } = new("http://127.0.0.1:5080/");

    /// <summary>The contract's largest batch for <c>POST /api/v1/events</c>.</summary>
    public const int MaxBatchSize = 10_000;

    private readonly HttpClient http;
    private readonly bool ownsHttp;

    /// <summary>Uses a caller-managed client (e.g. from IHttpClientFactory); sets the default base address if it has none.</summary>
    public EscalationForecastClient(HttpClient http)
    {
        http.BaseAddress = WithTrailingSlash(http.BaseAddress ?? DefaultBaseAddress);
        this.http = http;
    }

    /// <summary>Creates and owns its own <see cref="HttpClient"/>; a 10,000-item batch can take a while to store.</summary>
    public EscalationForecastClient(Uri? baseAddress = null)
        : this(new HttpClient { BaseAddress = baseAddress ?? DefaultBaseAddress, Timeout = TimeSpan.FromMinutes(5) }) =>
        ownsHttp = true;

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Sends <paramref name="key"/> as <c>X-Api-Key</c> on every request from now on (a service with keys configured wants one).</summary>
    public EscalationForecastClient UseApiKey(string key)
    {
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return this;
    }

    /// <summary><c>POST /api/v1/events</c> with 1 to 10,000 items; all or nothing on the server's side.</summary>
    /// <exception cref="ForecastApiException">400 (per-item errors), 409, 413, 429, 5xx ...</exception>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<EventItem> items, CancellationToken cancellationToken = default)
    {
        if (items.Count is 0 or > MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(items), items.Count,
                $"A batch holds 1 to {MaxBatchSize:N0} events; split larger imports (the import pipeline does).");
        using var response = await http.PostAsJsonAsync("api/v1/events", items, EventJson.Options, cancellationToken);
        await ThrowUnlessSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AppendResult>(EventJson.Options, cancellationToken)
               ?? throw new InvalidDataException("POST /api/v1/events answered 2xx with an empty body.");
    }

    /// <summary>GETs <paramref name="path"/> (relative to the base address, e.g. <c>api/v1/theaters</c>) as JSON.</summary>
    public async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), cancellationToken);
        await ThrowUnlessSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(EventJson.Options, cancellationToken)
               ?? throw new InvalidDataException($"GET {path} answered 2xx with a null body.");
    }

    /// <summary>POSTs an empty JSON body (writes are always JSON) to <paramref name="path"/> and reads the answer as JSON (e.g. starting a replay).</summary>
    public async Task<T> PostJsonAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(path.TrimStart('/'), new StringContent("", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        await ThrowUnlessSuccess(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(EventJson.Options, cancellationToken)
               ?? throw new InvalidDataException($"POST {path} answered 2xx with a null body.");
    }

    private static async Task ThrowUnlessSuccess(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = ApiProblem.Parse((int)response.StatusCode, body);
        throw new ForecastApiException(response.StatusCode, problem, RetryAfter(response),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    // Without the slash, a base such as http://host/forecast would lose its last segment on every relative path.
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    public void Dispose()
    {
        if (ownsHttp) http.Dispose();
    }
}
