using System.CommandLine;
using System.Text.Json;
using EscalationForecast.Cli.Fitting;
using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.Cli;

public class FitCommandTests
{
    [Fact]
    public async Task Fit_prints_the_fit_as_JSON_with_effects_from_the_context_file()
    {
        var dir = Directory.CreateTempSubdirectory("fit-command");
        try
        {
            var effects = new Dictionary<string, double> { ["ceasefire"] = 0.5 };
            var truth = TestModels.Univariate(6, 0.4, 1, 300, effects);
            var cov = new Covariates([new EffectWindow("ceasefire", "truce", 100, 200)]);
            var history = Simulator.Simulate(truth, cov, 0, 300, 1);
            var epoch = new DateOnly(2007, 1, 1);
            var lines = new List<string> { "date,channel,type" };
            lines.AddRange(history.Times.Select(t => $"{epoch.AddDays((int)Math.Floor(t)):yyyy-MM-dd},militia,IED"));
            File.WriteAllLines(Path.Combine(dir.FullName, "events.csv"), lines);
            File.WriteAllLines(Path.Combine(dir.FullName, "context.csv"), [
                "date,kind,name,parties,note",
                $"{epoch.AddDays(100):yyyy-MM-dd},ceasefire-declared,truce,a;b,\"declared, with a comma\"",
                $"{epoch.AddDays(200):yyyy-MM-dd},ceasefire-ended,truce,a;b,ended",
                "2006-04-09,anniversary,fall,,recurs",
            ]);
            var output = new StringWriter();
            var root = new RootCommand { FitCommand.Create(output) };
            int exit = await root.Parse(["fit", "--json", Path.Combine(dir.FullName, "events.csv"), "--context", Path.Combine(dir.FullName, "context.csv")])
                .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(exit == 0, output.ToString());
            using var json = JsonDocument.Parse(output.ToString());
            var r = json.RootElement;
            foreach (var name in new[] { "branchingRatio", "decayHalfLifeDays", "baselinePerDay", "logLikelihood", "aic", "poissonAic", "ksStatistic", "ksPValue", "evaluations", "fitSeconds" })
                Assert.True(r.TryGetProperty(name, out _), name);
            Assert.InRange(r.GetProperty("branchingRatio").GetDouble(), 0.2, 0.6);
            var ceasefire = r.GetProperty("effects").GetProperty("ceasefire");
            Assert.InRange(ceasefire.GetProperty("multiplier").GetDouble(), 0.3, 0.8);
            Assert.True(ceasefire.GetProperty("standardError").GetDouble() > 0);
            Assert.True(r.GetProperty("effects").TryGetProperty("anniversary", out _));
            Assert.True(r.GetProperty("aic").GetDouble() < r.GetProperty("poissonAic").GetDouble());
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task Fit_without_a_date_column_fails_with_exit_1()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, ["when,channel", "2007-01-01,a"]);
        var output = new StringWriter();
        var root = new RootCommand { FitCommand.Create(output) };
        Assert.Equal(1, await root.Parse(["fit", file]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("occurredAt", output.ToString());
        File.Delete(file);
    }
}
