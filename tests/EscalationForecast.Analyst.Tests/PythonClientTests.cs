using System.Text.RegularExpressions;
using EscalationForecast.Analyst.Tests.Infrastructure;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Analyst.Tests;

/// <summary>
/// The Python client's own tests (<c>tests/EscalationForecast.Python.Tests</c>, pytest) against the running service:
/// they pass, and there are as many as the folder holds (a collection error or a skipped file would pass silently).
/// </summary>
public sealed partial class PythonClientTests(AnalystService service)
{
    [Fact]
    public async Task The_python_clients_tests_pass_against_the_service()
    {
        var folder = Path.Combine(Repository.Root, "tests", "EscalationForecast.Python.Tests");
        var (exit, log) = await PythonProcess.RunAsync(["-m", "pytest", "-q", "-p", "no:cacheprovider", folder],
            Repository.Root, service.Environment, TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(log);
        Assert.True(exit == 0, $"pytest exited {exit}:\n{log}\n--- service ---\n{service.Log}");
        var passed = PassedLine().Match(log);
        Assert.True(passed.Success, log);
        var declared = Directory.GetFiles(folder, "test_*.py").Sum(f => TestFunction().Matches(File.ReadAllText(f)).Count);
        Assert.Equal(declared, int.Parse(passed.Groups[1].Value));
    }

    [GeneratedRegex(@"(\d+) passed")] private static partial Regex PassedLine();
    [GeneratedRegex(@"^def test_", RegexOptions.Multiline)] private static partial Regex TestFunction();
}
