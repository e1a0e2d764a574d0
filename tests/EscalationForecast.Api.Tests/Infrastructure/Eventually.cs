using System.Diagnostics;

namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>
/// Waits for async work by its outcome: reads until a condition holds, a short <see cref="Interval"/> apart, and
/// fails with a <see cref="TimeoutException"/> that names what did not happen. Tests wait this way or by
/// Wolverine's tracked sessions (<c>TrackActivity()</c>), never by a fixed sleep.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        UntilAsync(condition, holds => holds, timeout, what, interval);

    /// <summary>Reads until the value satisfies <paramref name="done"/>, and answers that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (started.Elapsed >= timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {what}" + (value is bool ? "." : $" (last read: {value})."));
            }
            await Task.Delay(interval ?? Interval, TestContext.Current.CancellationToken);
        }
    }
}
