namespace EscalationForecast.Hawkes;

/// <summary>Which model forecasts: Auto takes the day counts when every event is known to the day only.</summary>
public enum BacktestModel { Auto, Continuous, DayCounts }

public sealed record BacktestOptions(double FirstDay, double LastDay)
{
    public int HorizonDays { get; init; } = 1;
    /// <summary>
    /// The escalation threshold k; null = the ThresholdQuantile of the daily counts of the ThresholdWindowDays days
    /// before FirstDay (those with data: from the first event's day on), escalation: count ≥ k.
    /// </summary>
    public int? AtLeast { get; init; }
    public double ThresholdQuantile { get; init; } = 0.9;
    /// <summary>How many days before FirstDay set the threshold; null = all of them.</summary>
    public int? ThresholdWindowDays { get; init; } = 180;
    public BacktestModel Model { get; init; } = BacktestModel.Auto;
    /// <summary>
    /// Recalibrate the model's P(N ≥ k) on its own earlier rolling forecasts (<see cref="Recalibration"/>): on day D,
    /// fitted to every earlier forecast whose outcome was known by D, from WarmUpDays days before FirstDay on.
    /// </summary>
    public bool Recalibrate { get; init; }
    /// <summary>Days forecast before FirstDay, not scored, that the recalibration learns from.</summary>
    public int WarmUpDays { get; init; } = 180;
    /// <summary>The parts of the day-count model (when it forecasts).</summary>
    public DayCountOptions DayCounts { get; init; } = new();
    public int RefitEveryDays { get; init; } = 7;
    public int Paths { get; init; } = 4_000;
    public int Seed { get; init; } = 0;
    /// <summary>Options of each continuous refit (End and WarmStart are set by the backtest).</summary>
    public FitOptions Fit { get; init; } = new() { StandardErrors = false, GoodnessOfFit = false };
}

/// <summary>One forecast day. The *Crps members are the CRPS of each forecaster's count distribution on that day.</summary>
public sealed record BacktestRow(double Day, double ModelProbability, double ModelExpected, double ClimatologyProbability,
    double Poisson7Probability, int Observed, bool Escalation)
{
    public double ModelCrps { get; init; }
    public double ClimatologyCrps { get; init; }
    public double Poisson7Crps { get; init; }
    /// <summary>The model's probability before recalibration (equal to ModelProbability without it).</summary>
    public double RawModelProbability { get; init; }
}

public sealed record ReliabilityBin(double From, double To, int Count, double MeanPredicted, double ObservedFrequency);
public sealed record ScoreSummary(double Brier, double LogScore, double Crps, ReliabilityBin[] Reliability);

public sealed record BacktestResult(BacktestRow[] Rows, int Threshold, ScoreSummary Model, ScoreSummary Climatology,
    ScoreSummary Poisson7, int Refits, double Seconds)
{
    /// <summary>"continuous" (the Hawkes process on spread times) or "day-counts" (<see cref="DayCountModel"/>).</summary>
    public string ModelKind { get; init; } = "continuous";

    /// <summary>Rows of several backtests scored together; Threshold is the common one, or 0 when they differ.</summary>
    public static BacktestResult Pool(IReadOnlyList<BacktestResult> results)
    {
        var rows = results.SelectMany(r => r.Rows).ToArray();
        int threshold = results.Select(r => r.Threshold).Distinct().Count() == 1 ? results[0].Threshold : 0;
        return Scoring.Result(rows, threshold, results.Sum(r => r.Refits), results.Sum(r => r.Seconds));
    }
}
