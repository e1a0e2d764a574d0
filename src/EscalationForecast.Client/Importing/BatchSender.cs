using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Reading;

namespace EscalationForecast.Client.Importing;

/// <summary>
/// Sends one file's batches and adds up the answers. The server stores a batch all or nothing, so when it refuses
/// specific items (400, or 409 naming the re-used ids) those items are recorded against their rows and the rest of
/// the batch is sent again: one bad row never costs its 9,999 neighbours. A 413 halves the batch; 429 and 503
/// are retried after the server's Retry-After. Anything else propagates to <see cref="EventImporter"/>.
/// </summary>
internal sealed class BatchSender(IEventAppender appender, ImportOptions options, string fileName)
{
    public int Appended { get; private set; }
    public int Duplicates { get; private set; }
    public long? LastSequence { get; private set; }

    /// <summary>Events stored or refused so far; batches are sent in order, so these are always a prefix of the file.</summary>
    public int Processed { get; private set; }

    public List<RowRejection> Rejections { get; } = [];

    public async Task SendAsync(IReadOnlyList<SourcedEvent> batch, CancellationToken cancellationToken)
    {
        var pending = batch.ToList();
        var retries = 0;
        while (pending.Count > 0)
        {
            try
            {
                var result = await appender.AppendAsync(pending.Select(e => e.Item).ToArray(), cancellationToken);
                (Appended, Duplicates, LastSequence) = (Appended + result.Appended, Duplicates + result.Duplicates, result.LastSequence);
                Processed += pending.Count;
                return;
            }
            catch (ForecastApiException e)
            {
                // Nothing of the batch was appended in any of these cases, so re-sending (part of) it is safe.
                if (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict && DropRefused(pending, e)) continue;
                if (e.StatusCode == HttpStatusCode.RequestEntityTooLarge && pending.Count > 1)
                {
                    var half = pending.Count / 2;
                    await SendAsync(pending[..half], cancellationToken);
                    await SendAsync(pending[half..], cancellationToken);
                    return;
                }
                if (e.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && retries < options.MaxRetries)
                {
                    retries++;
                    var wait = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, retries));
                    await Task.Delay(wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay, cancellationToken);
                    continue;
                }
                throw;
            }
        }
    }

    /// <summary>
    /// Records the refused items against their rows and removes them from <paramref name="pending"/>; false (and
    /// nothing changed) when the answer does not say which items, so the batch counts as failed instead.
    /// </summary>
    private bool DropRefused(List<SourcedEvent> pending, ForecastApiException e)
    {
        var refused = new Dictionary<int, ApiItemError>();
        foreach (var error in e.Errors)
        {
            var index = error.Index is { } i && i >= 0 && i < pending.Count ? i
                : error.Id is { } id ? pending.FindIndex(p => p.Item.Id == id) : -1;
            if (index < 0) return false;
            refused.TryAdd(index, error);
        }
        if (refused.Count == 0) return false;
        var why = e.StatusCode == HttpStatusCode.Conflict
            ? "the server holds this id with different content (did the file change since it was imported?): "
            : "the server refused it: ";
        foreach (var (index, error) in refused.OrderBy(r => r.Key))
        {
            Rejections.Add(new RowRejection(fileName, pending[index].Row, error.Field,
                why + error.Reason + $" (id {pending[index].Item.Id})", RejectionKind.Server));
        }
        foreach (var index in refused.Keys.OrderDescending()) pending.RemoveAt(index);
        Processed += refused.Count;
        return true;
    }
}
