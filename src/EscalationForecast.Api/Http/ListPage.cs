namespace EscalationForecast.Api.Http;

/// <summary>
/// A list as the spec answers every list: <c>{ "items": [...], "next": ... }</c>, where <c>next</c> is the
/// <c>afterSequence</c> of the next page, or null on the last page and on lists answered whole.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, long? Next);

public static class ListPage
{
    /// <summary>A list answered whole, in one page.</summary>
    public static ListPage<T> Whole<T>(IReadOnlyList<T> items) => new(items, null);

    /// <summary>A page read with one item more than its <paramref name="limit"/>: that item says whether another page follows.</summary>
    public static ListPage<T> Of<T>(List<T> readOneMore, int limit, Func<T, long> sequence)
    {
        if (readOneMore.Count <= limit) return new ListPage<T>(readOneMore, null);
        readOneMore.RemoveAt(readOneMore.Count - 1);
        return new ListPage<T>(readOneMore, sequence(readOneMore[^1]));
    }
}
