namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The highest global sequence of a batch this node has answered to a client (<c>POST /api/v1/events</c>; the sample
/// load, which nobody reads after, does not count): a read on this node that comes from a projection waits a moment
/// for the projection to reach it, so a client sees its own writes.
/// </summary>
public sealed class CommittedSequence
{
    private long _highest;

    public long Highest => Interlocked.Read(ref _highest);

    public void Reached(long sequence)
    {
        for (var seen = Highest; sequence > seen; seen = Highest)
        {
            if (Interlocked.CompareExchange(ref _highest, sequence, seen) == seen) return;
        }
    }
}
