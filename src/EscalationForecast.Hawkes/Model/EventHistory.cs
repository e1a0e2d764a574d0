namespace EscalationForecast.Hawkes;

/// <summary>
/// The events of one theater. Time is measured in days (double) from an epoch the caller chooses.
/// <paramref name="Times"/> is sorted ascending; <paramref name="Channel"/>[i] indexes <paramref name="Channels"/>;
/// <paramref name="Marks"/> (optional, e.g. severity 1-5) scale the excitation when <see cref="FitOptions.Marks"/> is on;
/// <paramref name="DayPrecision"/>[i] (null = all false) says event i is only known to the day, and Times[i] is then
/// the start of that (integer) day. See <see cref="TieSpreading"/> for how such events are placed.
/// <paramref name="Attribution"/> (null = every event certainly in its channel) holds, row-major, each event's prior
/// weights over the channels, w[i·D + c] ≥ 0 summing to 1 (an event whose author is uncertain); Channel[i] is then its
/// most probable channel. The fit counts such an event as fractional events, w_c of it in each channel
/// (<see cref="Likelihood"/>), and forecasts and drivers let it excite as Σ_c w_c of an event of channel c.
/// </summary>
public sealed record EventHistory(string[] Channels, double[] Times, int[] Channel, double[]? Marks = null, bool[]? DayPrecision = null,
    double[]? Attribution = null)
{
    public int Count => Times.Length;

    /// <summary>w_ic: the weight of event i in channel c (0 or 1 without an attribution).</summary>
    public double Weight(int i, int c) =>
        Attribution is { } w ? w[i * Channels.Length + c] : Channel[i] == c ? 1 : 0;

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
        int D = Channels.Length;
        var weights = Attribution is null ? null : new double[n * D];
        for (int i = 0, j = 0; i < Times.Length; i++)
        {
            if (!IsKnownBy(i, from)) continue;
            times[j] = Times[i];
            channel[j] = Channel[i];
            if (marks is not null) marks[j] = Marks![i];
            if (day is not null) day[j] = DayPrecision![i];
            if (weights is not null) Array.Copy(Attribution!, i * D, weights, j * D, D);
            j++;
        }
        return new EventHistory(Channels, times, channel, marks, day, weights);
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
        if (Attribution is not null && Attribution.Length != Times.Length * Channels.Length)
            throw new ArgumentException("Attribution must hold a weight per event and channel.");
        for (int i = 0; i < Times.Length; i++)
        {
            if (!double.IsFinite(Times[i])) throw new ArgumentException($"Time {i} is not finite.");
            if (i > 0 && Times[i] < Times[i - 1]) throw new ArgumentException("Times must be sorted ascending.");
            if ((uint)Channel[i] >= (uint)Channels.Length) throw new ArgumentException($"Channel {Channel[i]} of event {i} is out of range.");
            if (Marks is not null && !(Marks[i] > 0)) throw new ArgumentException($"Mark {i} must be positive.");
            if (Attribution is null) continue;
            double sum = 0;
            for (int c = 0; c < Channels.Length; c++)
            {
                double w = Attribution[i * Channels.Length + c];
                if (!(w >= 0)) throw new ArgumentException($"The attribution of event {i} has a negative weight.");
                sum += w;
            }
            if (Math.Abs(sum - 1) > 1e-6) throw new ArgumentException($"The attribution of event {i} sums to {sum}, not 1.");
        }
    }
}
