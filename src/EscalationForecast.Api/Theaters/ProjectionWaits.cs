using System.Globalization;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Http;
using Marten;

namespace EscalationForecast.Api.Theaters;

/// <summary>
/// Read your writes on reads answered from the theater projection (the theater list). A read naming
/// <c>minSequence</c> (the <c>lastSequence</c> of a write, made through any node) waits until the projection has
/// processed it, for at most <c>Consistency:MaxWaitSeconds</c> (default 5); past that it is a <c>503</c> with
/// <c>Retry-After</c>, never a stale answer that looks current. A read without one waits, for at most
/// <c>Consistency:ImplicitWaitSeconds</c> (default 1), for the batches this node has answered, then answers what the
/// projection holds: a client's write right before its read is in the answer, and a bulk import by someone else
/// neither stalls nor refuses the dashboards polling meanwhile. A caught-up projection costs a comparison; waiting
/// readers share one progress query every 50 ms.
/// </summary>
public sealed class ProjectionWaits(IDocumentStore store, CommittedSequence committed, IConfiguration configuration)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly TimeSpan _maxWait = TimeSpan.FromSeconds(configuration.GetValue("Consistency:MaxWaitSeconds", 5.0));
    private readonly TimeSpan _implicitWait = TimeSpan.FromSeconds(configuration.GetValue("Consistency:ImplicitWaitSeconds", 1.0));
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _projected;

    /// <summary>Null when the projection holds everything the read must see; else the refusal to answer.</summary>
    public async Task<IResult?> WaitAsync(HttpContext context, CancellationToken ct)
    {
        if (!QueryParameters.TryLong(context.Request.Query["minSequence"], "minSequence", out var asked, out var error))
        {
            return Problems.BadRequest(error!);
        }
        var named = asked > 0;
        var target = named ? asked : committed.Highest;
        if (Interlocked.Read(ref _projected) >= target) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(named ? _maxWait : _implicitWait);
        try
        {
            while (await ProjectedAsync(timeout.Token) < target)
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !named)
        {
            return null; // what the projection holds: nobody asked for more
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                $"The theater projection has processed events up to sequence {Interlocked.Read(ref _projected):N0}, not yet {target:N0}, " +
                $"which this read must include; it did not get there within {_maxWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Retry in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Catching up");
        }
    }

    private async Task<long> ProjectedAsync(CancellationToken ct)
    {
        var known = Interlocked.Read(ref _projected);
        await _reading.WaitAsync(ct);
        try
        {
            if (Interlocked.Read(ref _projected) != known) return Interlocked.Read(ref _projected); // another reader just read it
            var progress = await store.Storage.Database.AllProjectionProgress(ct);
            var sequence = progress.Where(p => p.ShardName.StartsWith(TheaterProjection.Name, StringComparison.Ordinal))
                .Select(p => p.Sequence).DefaultIfEmpty(0).Min();
            Interlocked.Exchange(ref _projected, sequence);
            return sequence;
        }
        finally
        {
            _reading.Release();
        }
    }
}
