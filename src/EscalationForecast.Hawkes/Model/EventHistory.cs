namespace EscalationForecast.Hawkes;

/// <summary>
/// The events of one theater. Time is measured in days (double) from an epoch the caller chooses.
/// <paramref name="Times"/> is sorted ascending; <paramref name="Channel"/>[i] indexes <paramref name="Channels"/>;
/// <paramref name="Marks"/> (optional, e.g. severity 1-5) scale the excitation when <see cref="FitOptions.Marks"/> is on;
/// <paramref name="DayPrecision"/>[i] (null = all false) says event i is only known to the day, and Times[i] is then
/// the start of that (integer) day. See <see cref="TieSpreading"/> for how such events are placed.
/// </summary>
public sealed record EventHistory(string[] Channels, double[] Times, int[] Channel, double[]? Marks = null, bool[]? DayPrecision = null)
{
    public int Count => Times.Length;

    /// <summary>One channel, exact times, no marks.</summary>
    public static EventHistory Univariate(double[] times, string channel = "events") =>
        new([channel], times, new int[times.Length]);

    /// <summary>
    /// The events usable at time <paramref name="from"/>: exact events with time &lt; from, and day-precision events
    /// whose whole day has ended by <paramref name="from"/>.
    /// </summary>
    public EventHistory Before(double from)
    {
        int n = 0;
        for (int i = 0; i < Times.Length; i++)
            if (IsKnownBy(i, from)) n++;
        if (n == Times.Length) return this;
        var times = new double[n];
        var channel = new int[n];
        var marks = Marks is null ? null : new double[n];
        var day = DayPrecision is null ? null : new bool[n];
        for (int i = 0, j = 0; i < Times.Length; i++)
        {
            if (!IsKnownBy(i, from)) continue;
            times[j] = Times[i];
            channel[j] = Channel[i];
            if (marks is not null) marks[j] = Marks![i];
            if (day is not null) day[j] = DayPrecision![i];
            j++;
        }
        return new EventHistory(Channels, times, channel, marks, day);
    }

    public bool IsDayPrecision(int i) => DayPrecision is not null && DayPrecision[i];

    private bool IsKnownBy(int i, double from) =>
        IsDayPrecision(i) ? Times[i] + 1.0 <= from : Times[i] < from;

    internal void Validate()
    {
        if (Channels.Length == 0) throw new ArgumentException("An event history needs at least one channel.");
        if (Channel.Length != Times.Length) throw new ArgumentException("Channel and Times must have the same length.");
        if (Marks is not null && Marks.Length != Times.Length) throw new ArgumentException("Marks and Times must have the same length.");
        if (DayPrecision is not null && DayPrecision.Length != Times.Length) throw new ArgumentException("DayPrecision and Times must have the same length.");
        for (int i = 0; i < Times.Length; i++)
        {
            if (!double.IsFinite(Times[i])) throw new ArgumentException($"Time {i} is not finite.");
            if (i > 0 && Times[i] < Times[i - 1]) throw new ArgumentException("Times must be sorted ascending.");
            if ((uint)Channel[i] >= (uint)Channels.Length) throw new ArgumentException($"Channel {Channel[i]} of event {i} is out of range.");
            if (Marks is not null && !(Marks[i] > 0)) throw new ArgumentException($"Mark {i} must be positive.");
        }
    }
}
