namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// The highest global sequence this node has committed and answered: a read on this node that comes from a
/// projection waits until the projection has reached it, so a client sees its own writes.
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
