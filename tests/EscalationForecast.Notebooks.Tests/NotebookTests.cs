using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EscalationForecast.Notebooks.Tests;

/// <summary>
/// Each analyst notebook runs top to bottom headlessly (dotnet-repl, the repository's local tool) without an error,
/// draws its charts (SVG outputs), and prints the numbers it is about. One class, so the notebooks run one after
/// the other: each starts a .NET Interactive kernel, and the machine has two cores.
/// </summary>
public sealed partial class NotebookTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static async Task<NotebookRun> RunAsync(string name)
    {
        var clock = Stopwatch.StartNew();
        var run = await NotebookRunner.RunNotebookAsync(name, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{name}: {clock.Elapsed.TotalSeconds:F0} s (build and tool restore included on the first), executed copy {run.OutputPath}");
        Assert.True(run.ExitCode == 0 && !run.Errors.Any(), run.ToString());
        Assert.NotEmpty(run.Outputs);
        return run;
    }

    private static double Number(NotebookRun run, Regex pattern)
    {
        var match = pattern.Match(run.Text);
        Assert.True(match.Success, $"'{pattern}' not in the output of {run.Notebook}:{Environment.NewLine}{run.Text}");
        return double.Parse(match.Groups[1].Value, Invariant);
    }

    private static void AssertChartsDrawn(NotebookRun run, int atLeast)
    {
        var charts = run.Outputs.Where(o => o.Data.ContainsKey("image/svg+xml")).Select(o => o.Data["image/svg+xml"]).ToArray();
        Assert.True(charts.Length >= atLeast, $"{run.Notebook}: {charts.Length} charts, expected at least {atLeast}");
        foreach (var svg in charts)
        {
            Assert.StartsWith("<svg", svg);
            Assert.EndsWith("</svg>", svg);
            // Drawn, not an empty frame: bars, points or lines.
            Assert.Matches("<rect x=|<circle |<polyline ", svg);
        }
    }

    [Fact]
    public async Task Explore_history_loads_every_theater_and_draws_their_daily_counts()
    {
        var run = await RunAsync("01-explore-history.ipynb");
        Assert.Equal(7, (int)Number(run, TheatersLine()));
        Assert.Equal(72_536, (int)Number(run, IncidentsLine()));
        Assert.Contains("ceasefire-extended", run.Text); // the one row the presets skip, and why
        // The overview, five city theaters and the militia dyad; ceasefire bands and anniversary markers on them.
        AssertChartsDrawn(run, 7);
        var svgs = string.Concat(run.Outputs.SelectMany(o => o.Data.Where(d => d.Key == "image/svg+xml").Select(d => d.Value)));
        Assert.Contains("Mahdi Army freeze", svgs);
        Assert.Contains("Fall of Baghdad", svgs);
        Assert.True(run.Count("text/html") >= 3, "the file, theater and context tables");
    }

    [Fact]
    public async Task Fit_and_diagnose_reports_a_stationary_fit_its_uncertainty_and_goodness_of_fit()
    {
        var run = await RunAsync("02-fit-and-diagnose.ipynb");
        double branching = Number(run, BranchingRatioLine());
        Assert.InRange(branching, 0.0001, 0.9999);
        Assert.InRange(Number(run, KsPValueLine()), 0, 1);
        // On times jittered within the day the fitted model's rescaled times are within 2% of Exp(1) everywhere (KS
        // distance); Poisson's are many times further off and rejected outright.
        var jittered = JitteredKsLine().Match(run.Text);
        Assert.True(jittered.Success, "the jittered KS line");
        double hawkesKs = double.Parse(jittered.Groups[1].Value, CultureInfo.InvariantCulture), poissonKs = double.Parse(jittered.Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.InRange(hawkesKs, 0, 0.02);
        Assert.True(poissonKs > 5 * hawkesKs, $"Poisson KS {poissonKs} against Hawkes {hawkesKs}");
        Assert.InRange(double.Parse(jittered.Groups[4].Value, CultureInfo.InvariantCulture), 0, 1e-10);
        Assert.True(Number(run, AicDifferenceLine()) < 0, "Hawkes should beat the homogeneous Poisson fit on AIC");
        Assert.Contains(run.Outputs, o => o.Data.TryGetValue("text/html", out var html) && html.Contains("multiplier[ceasefire]"));
        // Forest plot, background, intensity (whole span and zoom), two QQ plots.
        AssertChartsDrawn(run, 6);
    }

    [Fact]
    public async Task Backtest_beats_the_baselines_and_draws_a_reliability_diagram()
    {
        var run = await RunAsync("03-backtest-and-calibration.ipynb");
        var m = PooledBrierLine().Match(run.Text);
        Assert.True(m.Success, run.Text);
        double model = double.Parse(m.Groups[1].Value, Invariant), climatology = double.Parse(m.Groups[2].Value, Invariant), poisson7 = double.Parse(m.Groups[3].Value, Invariant);
        Assert.True(model < climatology && model < poisson7, $"Brier model {model}, climatology {climatology}, poisson7 {poisson7}");
        Assert.Contains("no ceasefire effect: pooled Brier=", run.Text);
        Assert.Contains("no anniversary effect: pooled Brier=", run.Text);
        var svgs = run.Outputs.Where(o => o.Data.ContainsKey("image/svg+xml")).Select(o => o.Data["image/svg+xml"]).ToArray();
        Assert.Contains(svgs, s => s.Contains("Reliability"));
        // Two theaters day by day (counts and probabilities), the reliability diagram, the ablation chart.
        AssertChartsDrawn(run, 6);
    }

    [Fact]
    public void Committed_notebooks_have_their_outputs_cleared()
    {
        var notebooks = Directory.GetFiles(NotebookRunner.NotebooksDirectory, "*.ipynb");
        Assert.Equal(["01-explore-history.ipynb", "02-fit-and-diagnose.ipynb", "03-backtest-and-calibration.ipynb"],
            notebooks.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        foreach (var path in notebooks)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(".net-csharp", doc.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
            foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
            {
                Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{Path.GetFileName(path)} has a code cell with outputs; clear them before committing");
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
            }
        }
    }

    [GeneratedRegex(@"theaters: (\d+)")] private static partial Regex TheatersLine();
    [GeneratedRegex(@"incidents: (\d+)")] private static partial Regex IncidentsLine();
    [GeneratedRegex(@"branchingRatio = ([0-9.eE+-]+)")] private static partial Regex BranchingRatioLine();
    [GeneratedRegex(@"KS p-value = ([0-9.eE+-]+)")] private static partial Regex KsPValueLine();
    [GeneratedRegex(@"KS \(jittered\) = ([0-9.]+), p-value = ([0-9.eE+-]+); Poisson KS = ([0-9.]+), p-value = ([0-9.eE+-]+)")] private static partial Regex JitteredKsLine();
    [GeneratedRegex(@"AIC Hawkes - Poisson = ([0-9.eE+-]+)")] private static partial Regex AicDifferenceLine();
    [GeneratedRegex(@"pooled Brier model=([0-9.]+) climatology=([0-9.]+) poisson7=([0-9.]+)")] private static partial Regex PooledBrierLine();
}
