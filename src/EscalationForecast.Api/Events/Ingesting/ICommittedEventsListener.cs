namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// Told of the events this node has just committed to a theater's stream, from <c>firstVersion</c> on, in order,
/// right after the commit and before the batch's answer goes out. This is how the intake announces a stored batch
/// in-process (the in-memory theater histories take the events instead of reading them back); across nodes it is
/// the outbox message <see cref="TheaterEventsAppended"/>. The intake knows no listener by name.
/// </summary>
public interface ICommittedEventsListener
{
    void Committed(string theaterId, long firstVersion, ITheaterEvent[] events);
}
