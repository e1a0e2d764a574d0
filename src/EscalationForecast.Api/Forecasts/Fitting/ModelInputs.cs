using System.Security.Cryptography;
using EscalationForecast.Api.Events.Folding;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Api.Forecasts.Fitting;

/// <summary>
/// What the Hawkes engine sees of a theater at (<c>asOf</c>, <c>knownAt</c>): the incidents that had surely
/// occurred by <c>asOf</c> (a bare date only once its day has ended) among those recorded by <c>knownAt</c>,
/// and the ceasefires, anniversaries and scheduled events as known then (<see cref="ContextWindows"/>). An incident with
/// an attribution enters with its probabilities as its channel weights (<see cref="EventHistory.Attribution"/>), its
/// channels among the theater's. Times are days since the Unix epoch.
/// A fit observes the theater up to <see cref="FitEnd"/>: the start of <c>asOf</c>'s day (or the end of the last
/// incident when that is later), so that a theater gone quiet teaches the model its quiet while fits stay
/// reusable for a whole day; but no more than <see cref="QuietDaysObserved"/> days past the last incident, for
/// years of silence would only stretch the background's blocks thin over a history that has ended. <see cref="DataKey"/> identifies exactly what a fit depends on (the events, the windows and
/// that end), so a recorded fit on the same data is reused.
/// </summary>
public sealed record ModelInputs(
    string TheaterId, DateTimeOffset AsOf, EventHistory History, Covariates Covariates,
    IncidentView[] Incidents, double FitEnd, string DataKey)
{
    /// <summary>How far ahead covariate windows are laid out: the longest forecast horizon, and a day to spare.</summary>
    public const int HorizonDays = 91;

    public const int QuietDaysObserved = 365;

    public static readonly DateOnly Epoch = new(1970, 1, 1);

    public static double Days(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).TotalDays;

    public static DateTimeOffset Instant(double days) => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(days * TimeSpan.TicksPerDay));

    public static ModelInputs From(TheaterHistory history, DateTimeOffset asOf)
    {
        var incidents = Array.FindAll(history.Ordered, i => i.OccurredAt.KnownBy <= asOf);
        // A theater has a handful of channels: finding each incident's among those seen so far (the previous one's
        // first) costs a string comparison, where hashing every incident's channel cost most of this method.
        var seen = new List<string>();
        var seenIndex = new int[incidents.Length];
        for (int i = 0, last = -1; i < incidents.Length; i++)
        {
            var name = incidents[i].Channel;
            if (last < 0 || !string.Equals(seen[last], name, StringComparison.Ordinal))
            {
                last = seen.FindIndex(c => string.Equals(c, name, StringComparison.Ordinal));
                if (last < 0) { seen.Add(name); last = seen.Count - 1; }
            }
            seenIndex[i] = last;
        }
        var attributed = 0;
        foreach (var incident in incidents)
        {
            if (incident.Attribution is not { } shares) continue;
            attributed++;
            foreach (var share in shares)
                if (!seen.Contains(share.Channel)) seen.Add(share.Channel);
        }
        var channels = seen.Count == 0 ? ["default"] : seen.Order(StringComparer.Ordinal).ToArray();
        var channelIndex = channels.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var sortedIndex = seen.Select(c => channelIndex[c]).ToArray();

        var times = new double[incidents.Length];
        var channel = new int[incidents.Length];
        var marks = new double[incidents.Length];
        var dayPrecision = new bool[incidents.Length];
        for (var i = 0; i < incidents.Length; i++)
        {
            times[i] = Days(incidents[i].OccurredAt.Start);
            channel[i] = sortedIndex[seenIndex[i]];
            marks[i] = incidents[i].Severity;
            dayPrecision[i] = incidents[i].OccurredAt.IsDate;
        }
        var events = new EventHistory(channels, times, channel, marks, dayPrecision,
            attributed == 0 ? null : Weights(incidents, channel, channelIndex));
        var windows = ContextWindows.Of(history, asOf, channelIndex);
        var fitEnd = Math.Floor(Days(asOf));
        if (incidents.Length > 0)
        {
            var lastKnown = Days(incidents[^1].OccurredAt.KnownBy);
            fitEnd = Math.Max(lastKnown, Math.Min(fitEnd, lastKnown + QuietDaysObserved));
        }
        return new ModelInputs(history.TheaterId, asOf, events, new Covariates(windows), incidents, fitEnd, KeyOf(events, windows, fitEnd));
    }

    /// <summary>w[i·D + c]: an attributed incident's probabilities by channel, every other incident wholly in its channel.</summary>
    private static double[] Weights(IncidentView[] incidents, int[] channel, Dictionary<string, int> channelIndex)
    {
        int D = channelIndex.Count;
        var weights = new double[incidents.Length * D];
        for (var i = 0; i < incidents.Length; i++)
        {
            if (incidents[i].Attribution is not { } shares)
            {
                weights[i * D + channel[i]] = 1;
                continue;
            }
            var sum = shares.Sum(s => s.Probability); // 1 within 1e-6 as posted; normalised exactly for the engine
            foreach (var share in shares) weights[i * D + channelIndex[share.Channel]] = share.Probability / sum;
        }
        return weights;
    }

    /// <summary>
    /// SHA-256 of the engine's inputs: the events, the effect windows known by <c>asOf</c> and the end of the
    /// observation. The windows are laid out to <c>asOf</c> + <see cref="HorizonDays"/>; only their part before
    /// <paramref name="dataEnd"/> shapes a fit, so that part is what the key hashes.
    /// </summary>
    private static string KeyOf(EventHistory events, EffectWindow[] windows, double dataEnd)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(dataEnd));
        foreach (var c in events.Channels) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(c + "\n"));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(events.Times.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(events.Channel.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(events.Marks.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes((events.DayPrecision ?? []).AsSpan())); // a byte 1 or 0 per event
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes((events.Attribution ?? []).AsSpan()));
        foreach (var w in windows.Where(w => w.Start < dataEnd))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{w.Effect}|{w.Name}|{w.Start:R}|{Math.Min(w.End, dataEnd):R}|{string.Join(',', w.Channels ?? [])}|"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes((w.Profile ?? []).AsSpan())); // a ramp's exposures
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
