using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationForecast.Api.Http;

/// <summary>
/// A JSON request body read whole (within Kestrel's body limit) and checked before anything reads a value from it:
/// valid UTF-8 (System.Text.Json reads strings lazily, so a bad byte would otherwise surface as an exception deep in
/// the handler), well-formed, and without a key repeated in an object (where one of two values would silently win).
/// </summary>
public sealed class RequestBody : IDisposable
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public JsonDocument? Document { get; private init; }
    public ProblemHttpResult? Problem { get; private init; }

    public static async Task<RequestBody> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream(request.ContentLength is > 0 and <= int.MaxValue ? (int)request.ContentLength : 4096);
        try
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return new RequestBody { Problem = Problems.TooLarge($"The body is larger than the limit of {limit:N0} bytes. Split it into smaller batches.") };
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (InvalidUtf8At(bytes.Span) is { } offset)
        {
            return new RequestBody { Problem = Problems.BadRequest($"The body is not valid UTF-8 (a malformed byte sequence at byte {offset:N0}). Send JSON encoded as UTF-8.") };
        }
        try
        {
            return new RequestBody { Document = JsonDocument.Parse(bytes, Strict) };
        }
        catch (JsonException ex)
        {
            return new RequestBody { Problem = Problems.BadRequest($"The body is not valid JSON ({ex.Message}). Send one event object or an array of them, each key once per object.") };
        }
    }

    private static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        Span<char> chars = stackalloc char[1024];
        for (var read = 0; ;)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes[read..], chars, out var consumed, out _, replaceInvalidSequences: false);
            read += consumed;
            if (status == System.Buffers.OperationStatus.InvalidData) return read;
            if (status == System.Buffers.OperationStatus.Done) return read; // unreachable: IsValid said otherwise
        }
    }

    public void Dispose() => Document?.Dispose();
}
