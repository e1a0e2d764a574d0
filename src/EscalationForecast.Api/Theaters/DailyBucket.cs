namespace EscalationForecast.Api.Theaters;

/// <summary>The incidents of one theater, channel and UTC day: how many, and the sum of their severities.</summary>
public sealed record DailyBucket(string Id, string TheaterId, string Channel, DateOnly Date, int Count, int Severity)
{
    public static string IdOf(string theaterId, string channel, DateOnly date) => $"{theaterId}/{channel}/{date:yyyy-MM-dd}";

    public static DailyBucket Empty(string theaterId, string channel, DateOnly date) =>
        new(IdOf(theaterId, channel, date), theaterId, channel, date, 0, 0);

    public DailyBucket Add(int count, int severity) => this with { Count = Count + count, Severity = Severity + severity };
}
