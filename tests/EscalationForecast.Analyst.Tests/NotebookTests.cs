using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EscalationForecast.Analyst.Tests.Infrastructure;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Analyst.Tests;

/// <summary>
/// Each analyst notebook runs top to bottom in Jupyter against the running service without an error, draws its charts,
/// and prints the numbers it is about; the numbers are checked against the sample files and against each other.
/// </summary>
public sealed partial class NotebookTests(AnalystService service)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private async Task<ExecutedNotebook> RunAsync(string name, int charts)
    {
        var clock = Stopwatch.StartNew();
        var run = await ExecutedNotebook.RunAsync(name, service, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{name}: {clock.Elapsed.TotalSeconds:F0} s, executed copy {run.OutputPath}");
        Assert.True(run.ExitCode == 0 && !run.Errors.Any(), run + "\n--- service ---\n" + service.Log);
        Assert.True(run.Images >= charts, $"{name}: {run.Images} charts, expected at least {charts}");
        return run;
    }

    private static double[] Numbers(ExecutedNotebook run, Regex pattern)
    {
        var match = pattern.Match(run.Text);
        Assert.True(match.Success, $"'{pattern}' not in the output of {run.Notebook}:\n{run.Text}");
        return match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, Invariant)).ToArray();
    }

    [Fact]
    public async Task Explore_history_counts_every_sample_incident_and_draws_the_theaters()
    {
        var run = await RunAsync("01-explore-history.ipynb", charts: 4);
        var samples = Path.Combine(Repository.ApiSource, "Samples");
        var rows = File.ReadLines(Path.Combine(samples, "iraq-2007-2008-insurgent-attacks.csv")).Count() - 1
            + File.ReadLines(Path.Combine(samples, "iraq-2007-coalition-airstrikes.csv")).Count() - 1
            + File.ReadLines(Path.Combine(samples, "us-militia-iraq-2019-2021.csv")).Count(l => l.Contains(",incident,"));
        var numbers = Numbers(run, SampleLine());
        Assert.Equal(AnalystService.SampleTheaters.Length, (int)numbers[0]);
        Assert.Equal(rows, (int)numbers[1]);
        Assert.Contains("Mahdi Army freeze", run.Text);
        var dyad = File.ReadLines(Path.Combine(samples, "us-militia-iraq-2019-2021.csv")).Where(l => l.Contains(",incident,")).ToArray();
        var us = dyad.Count(l => l.Contains(",incident,United States,"));
        Assert.Equal([dyad.Length - us, us], Numbers(run, DyadLine()));
    }

    [Fact]
    public async Task Fit_and_diagnose_reports_a_stationary_fit_that_beats_poisson_and_centred_residuals()
    {
        var run = await RunAsync("02-fit-and-diagnose.ipynb", charts: 4);
        Assert.InRange(Numbers(run, BranchingLine())[0], 0.0001, 0.9999);
        var ks = Numbers(run, KsLine());
        Assert.InRange(ks[0], 0, 0.05);
        Assert.InRange(ks[1], 0, 1);
        Assert.True(Numbers(run, AicLine())[0] < 0, "Hawkes should beat the homogeneous Poisson fit on AIC");
        var residuals = Numbers(run, ResidualLine());
        Assert.InRange(residuals[0], -0.2, 0.2);
        Assert.InRange(residuals[1], 0.5, 2);
        // The dyad's 25 incidents: intervals wide enough to include "no effect".
        Assert.Matches(@"iraq-us-militia ceasefire: multiplier [0-9.]+ ± [0-9.]+ \(95% interval -?[0-9.]+ \.\. [0-9.]+\)", run.Text);
    }

    [Fact]
    public async Task Backtest_beats_both_baselines_pooled_and_each_effect_is_worth_something()
    {
        var run = await RunAsync("03-backtest-and-calibration.ipynb", charts: 4);
        var brier = Numbers(run, PooledBrierLine());
        Assert.True(brier[0] < brier[1] && brier[0] < brier[2], $"pooled Brier model {brier[0]}, climatology {brier[1]}, poisson7 {brier[2]}");
        var full = Numbers(run, VariantLine("full model"));
        var noCeasefire = Numbers(run, VariantLine("no ceasefire effect"));
        Assert.True(noCeasefire[1] > full[1], $"log score without the ceasefire effect {noCeasefire[1]}, with it {full[1]}");
        Assert.NotEqual(full, Numbers(run, VariantLine("no anniversary effect")));
    }

    [Fact]
    public async Task Seed_story_shows_the_truce_its_collapse_the_december_attack_the_anniversary_the_deadline_and_the_denied_attack()
    {
        var run = await RunAsync("04-seed-story-militias-vs-us.ipynb", charts: 2);
        Assert.Equal(107, (int)Numbers(run, ReplayedLine())[0]); // 2020-10-01 .. 2021-01-15, a fit per day
        var truce = Numbers(run, TruceLine());
        Assert.InRange(truce[1], 0, 0.9999); // the ceasefire multiplier: the truce lowers the risk
        var collapse = Numbers(run, CollapseLine());
        Assert.True(collapse[0] > 2 * truce[0], $"after the collapse {collapse[0]}, in the truce {truce[0]}");
        var december = Numbers(run, DecemberLine());
        Assert.True(december[1] > 1.5 * december[0], $"after the 2020-12-20 attack {december[1]}, before it {december[0]}");
        Assert.Matches(@"anniversary approaching: a driver from 2020-12-2\d to 2021-01-0\d", run.Text);
        // The withdrawal timetable: the drawdown of 2021-01-15 among the drivers from a week before its 30-day ramp began,
        // its multiplier now the one on the day to the power of the ramp's exposure (1 − 9/31 nine days before).
        Assert.Matches(@"deadline approaching: a driver from 2020-12-1\d to 2021-01-1\d", run.Text);
        var deadline = Numbers(run, DeadlineLine());
        Assert.True(deadline[2] > 0, "the deadline multiplier's standard error");
        Assert.Equal(Math.Pow(deadline[1], 22.0 / 31), deadline[0], 0.002);
        Assert.Contains("combat mission end as of 2021-07-25: not a driver (not announced yet)", run.Text);
        Assert.Contains("combat mission end as of 2021-12-01: End of the US combat mission in Iraq in 30 days", run.Text);
        // The denied embassy attack: its driver is the expected contribution over its authors, from the fitted matrix.
        Assert.Contains("embassy attack authors: militia 0.70, unknown 0.30", run.Text);
        var embassy = Numbers(run, EmbassyLine());
        Assert.Equal(embassy[1], embassy[0], 0.0002);
        Assert.Equal(0.7 * embassy[2] + 0.3 * embassy[3], embassy[1], 0.0003);
        Assert.Contains("knownAt 2020-12-21: 422", run.Text);
        var known = Numbers(run, KnownAtLine());
        Assert.Equal(known[1], known[0]);
    }

    [Fact]
    public void Committed_notebooks_are_python_and_have_their_outputs_cleared()
    {
        var notebooks = Directory.GetFiles(ExecutedNotebook.Directory, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["01-explore-history.ipynb", "02-fit-and-diagnose.ipynb", "03-backtest-and-calibration.ipynb", "04-seed-story-militias-vs-us.ipynb"], notebooks);
        foreach (var name in notebooks)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ExecutedNotebook.Directory, name!)));
            Assert.Equal("python3", doc.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
            foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
            {
                Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{name} has a code cell with outputs; clear them before committing");
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
            }
        }
    }

    private static Regex VariantLine(string name) => new(Regex.Escape(name) + @": Brier=([0-9.]+) log score=([0-9.]+) CRPS=([0-9.]+)");

    [GeneratedRegex(@"sample theaters: (\d+), sample incidents: (\d+)")] private static partial Regex SampleLine();
    [GeneratedRegex(@"\{'militia': (\d+), 'us': (\d+)\}")] private static partial Regex DyadLine();
    [GeneratedRegex(@"branchingRatio = ([0-9.]+)")] private static partial Regex BranchingLine();
    [GeneratedRegex(@"KS statistic = ([0-9.]+), KS p-value = ([0-9.eE+-]+)")] private static partial Regex KsLine();
    [GeneratedRegex(@"AIC Hawkes - Poisson = (-?[0-9.]+)")] private static partial Regex AicLine();
    [GeneratedRegex(@"Pearson residuals: mean = (-?[0-9.]+), sd = ([0-9.]+)")] private static partial Regex ResidualLine();
    [GeneratedRegex(@"pooled Brier model=([0-9.]+) climatology=([0-9.]+) poisson7=([0-9.]+)")] private static partial Regex PooledBrierLine();
    [GeneratedRegex(@"(\d+) days replayed")] private static partial Regex ReplayedLine();
    [GeneratedRegex(@"truce: P\(at least one in 7 days\) as of 2020-11-15 = ([0-9.]+) \(ceasefire multiplier ([0-9.]+)\)")] private static partial Regex TruceLine();
    [GeneratedRegex(@"collapse: as of 2020-11-18 = ([0-9.]+)")] private static partial Regex CollapseLine();
    [GeneratedRegex(@"december attack: as of 2020-12-18 = ([0-9.]+), as of 2020-12-21 = ([0-9.]+)")] private static partial Regex DecemberLine();
    [GeneratedRegex(@"deadline as of 2021-01-06: US drawdown in 9 days, multiplier now ([0-9.]+) \(on the day ([0-9.]+) ± ([0-9.]+)\)")] private static partial Regex DeadlineLine();
    [GeneratedRegex(@"embassy attack as of 2020-12-21: contribution ([0-9.]+)/day, expected over its authors ([0-9.]+)/day; as the militias' ([0-9.]+)/day, as an unknown author's ([0-9.]+)/day")] private static partial Regex EmbassyLine();
    [GeneratedRegex(@"knownAt after the load: P\(at least one in 7 days\) = ([0-9.]+) \(asOf alone: ([0-9.]+)\)")] private static partial Regex KnownAtLine();
}
