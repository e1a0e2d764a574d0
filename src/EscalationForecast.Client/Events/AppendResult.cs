namespace EscalationForecast.Client.Events;

/// <summary>The <c>200</c> answer of <c>POST /api/v1/events</c>.</summary>
/// <param name="Appended">Items stored by this call.</param>
/// <param name="Duplicates">Items whose id was already stored with the same content (no-ops).</param>
/// <param name="LastSequence">The store's sequence after the call; later reads can page from it.</param>
public sealed record AppendResult(int Appended, int Duplicates, long LastSequence);
