using System.Collections;
using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>Why one posted item cannot be stored: its position in the batch, its id, the field and the fix.</summary>
public sealed record ItemError(int Index, string? Id, string Field, string Reason)
{
    /// <summary>An error quotes no more of the caller's id or field name than a short prefix.</summary>
    public static ItemError Of(int index, string? id, string field, string reason) =>
        new(index, id is null ? null : Quoted.Prefix(id), Quoted.Prefix(field), reason);
}

/// <summary>
/// A batch's item errors as its answer lists them: the first <c>limit</c>, with the count of all of them and of the
/// items they are in, so a batch of thousands of broken items (or one item of millions of unknown fields) is
/// answered in a bounded document, at a bounded cost.
/// </summary>
public sealed class ItemErrors(int limit) : IReadOnlyList<ItemError>
{
    private readonly List<ItemError> _listed = [];
    private int _lastItem = -1;

    public int Total { get; private set; }
    public int Items { get; private set; }

    public void Add(ItemError error)
    {
        Total++;
        if (error.Index != _lastItem) (Items, _lastItem) = (Items + 1, error.Index); // items are read in order
        if (_listed.Count < limit) _listed.Add(error);
    }

    public static ItemErrors Of(IEnumerable<ItemError> errors, int limit)
    {
        var bounded = new ItemErrors(limit);
        foreach (var error in errors) bounded.Add(error);
        return bounded;
    }

    public int Count => _listed.Count;
    public ItemError this[int index] => _listed[index];
    public IEnumerator<ItemError> GetEnumerator() => _listed.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
