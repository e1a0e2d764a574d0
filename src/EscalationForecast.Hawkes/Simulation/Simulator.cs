namespace EscalationForecast.Hawkes;

/// <summary>Simulates the model on [start, end) from an empty past by <see cref="PathSimulator"/> (exact times, no marks).</summary>
public static class Simulator
{
    public static EventHistory Simulate(HawkesModel model, Covariates covariates, double start, double end, int seed)
    {
        var grid = BackgroundGrid.ForModel(model, covariates, start, end);
        var events = new List<(double Time, int Channel)>();
        var rng = new Rng(seed, -1);
        new PathSimulator(model, grid).Run(new double[model.Dimension * model.Decays.Length], ref rng, events);
        var times = new double[events.Count]; var channel = new int[events.Count];
        for (int i = 0; i < events.Count; i++) (times[i], channel[i]) = events[i];
        return new EventHistory(model.Channels, times, channel);
    }
}
