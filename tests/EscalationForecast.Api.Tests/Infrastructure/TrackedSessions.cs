using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Infrastructure;

public static class TrackedSessions
{
    /// <summary>
    /// Runs an act that needs no message context (an HTTP call through the test server, say) and waits until every
    /// message it sets off, cascades and outbox included, has been handled. An async lambda fits both of Wolverine's
    /// own overloads (Task and ValueTask) and does not compile.
    /// </summary>
    public static Task<ITrackedSession> ExecuteAndWaitAsync(this TrackedSessionConfiguration session, Func<Task> act) =>
        session.ExecuteAndWaitAsync(_ => act());
}
