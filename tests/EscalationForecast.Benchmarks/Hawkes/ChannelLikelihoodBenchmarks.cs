using BenchmarkDotNet.Attributes;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Benchmarks.Hawkes;

/// <summary>
/// One likelihood + gradient evaluation of a two-channel model (the service's theaters: insurgent and coalition)
/// on 100,000 events, by the general evaluator and by the unmarked one that fits use, with one exponential and with
/// a sum of two. Divide by 100,000 for ns per event.
/// </summary>
[MemoryDiagnoser]
public class ChannelLikelihoodBenchmarks
{
    private const int Events = 100_000;
    private IEvaluator _general = null!, _unmarked = null!;
    private double[] _x = null!, _g = null!;

    [Params(1, 2)]
    public int Components { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // μ = (10, 3)/day with cross-excitation: ~25 events/day, so 100,000 events take 4,000 days.
        double end = Events / 25.0;
        var truth = ModelDefinition.Create(["insurgent", "coalition"], [10, 3], [[0.3, 0.2], [0.25, 0.1]], [Math.Log(2)], start: 0, end: end);
        var history = Simulator.Simulate(truth, Covariates.None, 0, end, 1);
        double blockDays = Math.Max(14, end / 150);
        int blocks = (int)Math.Ceiling(end / blockDays);
        var grid = BackgroundGrid.Build(0, end, 0, blockDays, blocks, [], Covariates.None, 2);
        var data = ProblemData.Create(history, grid, 0, end, false);
        var layout = new ParameterLayout(2, Components, 0, false, blocks);
        _general = new Likelihood(data, layout);
        _unmarked = KernelFit.Evaluator(data, layout);
        _x = new double[layout.Count]; _g = new double[layout.Count];
        for (int i = 0; i < 4; i++) _x[layout.Alpha + i] = -1;
    }

    [Benchmark(Baseline = true)]
    public double General() => _general.Evaluate(_x, _g);

    [Benchmark]
    public double Unmarked() => _unmarked.Evaluate(_x, _g);
}
