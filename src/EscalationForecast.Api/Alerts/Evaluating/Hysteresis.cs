namespace EscalationForecast.Api.Alerts.Evaluating;

/// <summary>
/// The hysteresis band of a rule: a clear rule breaches at or above <c>threshold</c>; a breached rule clears only
/// below <c>clearBelow</c> (&lt; threshold). A value inside [clearBelow, threshold) changes nothing, so a metric
/// wobbling around the threshold raises one breach, not one per wobble.
/// </summary>
public static class Hysteresis
{
    /// <summary>The transition this value causes: <c>breached</c>, <c>cleared</c>, or null for none.</summary>
    public static string? Decide(bool breached, double value, double threshold, double clearBelow)
    {
        if (double.IsNaN(value)) return null;
        if (!breached && value >= threshold) return AlertKinds.Breached;
        if (breached && value < clearBelow) return AlertKinds.Cleared;
        return null;
    }
}
