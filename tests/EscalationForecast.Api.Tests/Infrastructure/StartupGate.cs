namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// Host starts and Wolverine code regeneration exclude each other. Regenerating sets a process-wide "within codegen"
/// flag while it writes, and a host that starts meanwhile boots as a mediator only (no queues, no outbox), which
/// fails whatever test it serves. Any number of hosts may start together; a regeneration waits for them, and they
/// for it.
/// </summary>
internal static class StartupGate
{
    private static readonly SemaphoreSlim Exclusive = new(1, 1);
    private static readonly SemaphoreSlim Counting = new(1, 1);
    private static int _starting;

    public static async Task<T> StartingAsync<T>(Func<Task<T>> start)
    {
        await Counting.WaitAsync();
        try
        {
            if (++_starting == 1) await Exclusive.WaitAsync();
        }
        finally
        {
            Counting.Release();
        }
        try
        {
            return await start();
        }
        finally
        {
            await Counting.WaitAsync();
            if (--_starting == 0) Exclusive.Release();
            Counting.Release();
        }
    }

    public static async Task RegeneratingAsync(Func<Task> regenerate)
    {
        await Exclusive.WaitAsync();
        try
        {
            await regenerate();
        }
        finally
        {
            Exclusive.Release();
        }
    }
}
