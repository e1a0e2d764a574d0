using BenchmarkDotNet.Attributes;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Benchmarks.Hawkes;

/// <summary>
/// The Hawkes engine's budgets: one likelihood + gradient evaluation of the univariate exponential model
/// (≤ 20 ns per event at N = 1,000,000), a full fit of 1,000,000 events (&lt; 3 s), and a 10,000-path 7-day
/// forecast for a theater of about 50 events a day (&lt; 100 ms). Memory is reported per operation.
/// </summary>
[MemoryDiagnoser]
public class HawkesBenchmarks
{
    private EventHistory _large = null!, _theater = null!;
    private HawkesModel _theaterModel = null!;
    private UnivariateLikelihood _likelihood = null!;
    private double[] _x = null!, _g = null!;

    [Params(100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // μ = 25/day, α = 0.5, half-life 1 day: ~50 events/day; N events take N/50 days.
        double end = Events / 50.0;
        var truth = ModelDefinition.Create(["events"], [25], [[0.5]], [Math.Log(2)], start: 0, end: end);
        _large = Simulator.Simulate(truth, Covariates.None, 0, end, 1);
        var blocks = (int)Math.Ceiling(end / Math.Max(14, end / 150));
        var grid = BackgroundGrid.Build(0, end, 0, Math.Max(14, end / 150), blocks, [], Covariates.None, 1);
        var layout = new ParameterLayout(1, 1, 0, false, blocks);
        _likelihood = new UnivariateLikelihood(ProblemData.Create(_large, grid, 0, end, false), layout);
        _x = new double[layout.Count]; _g = new double[layout.Count];
        _x[layout.Theta] = Math.Log(25); _x[layout.LogBeta] = Math.Log(Math.Log(2));

        _theaterModel = ModelDefinition.Create(["events"], [25], [[0.5]], [Math.Log(2)], start: 0, end: 200);
        _theater = Simulator.Simulate(_theaterModel, Covariates.None, 0, 200, 2);
    }

    /// <summary>Divide by Events for ns per event.</summary>
    [Benchmark]
    public double LikelihoodAndGradient() => _likelihood.Evaluate(_x, _g);

    [Benchmark]
    public HawkesModel FitExponential() =>
        HawkesFitter.Fit(_large, Covariates.None, new FitOptions { Kernel = KernelChoice.Exponential }).Model;

    [Benchmark]
    public double Forecast10000Paths7Days() =>
        Forecaster.Forecast(_theaterModel, _theater, Covariates.None, 200, 7).ExpectedCount;
}
