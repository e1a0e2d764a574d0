namespace EscalationForecast.Deploy.Tests.Infrastructure;

/// <summary>Collects every problem a check finds, so one run reports them all.</summary>
public sealed class Problems : List<string>
{
    public void Require(bool condition, string message)
    {
        if (!condition) Add(message);
    }

    public override string ToString() => Count == 0 ? "(none)" : string.Join(Environment.NewLine, this.Select(p => " - " + p));
}
