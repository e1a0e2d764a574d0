using System.Text.RegularExpressions;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Api.Tests;

/// <summary>
/// The API is a pipeline: Events → Theaters → Forecasts → Alerts, with the parts beside it (hosting, HTTP, storage,
/// operations) before and the composition (samples, health, the dashboard) after. A feature uses only those before
/// it; what an earlier one must announce it announces by a message or an event. Marten's tables are named only by
/// the storage adapter. Read from the source, so a new folder, a <c>using</c> or a qualified name is caught.
/// </summary>
public partial class FeaturePipelineTests
{
    public static readonly string[] Order =
        ["Hosting", "Http", "Storage", "Operations", "Events", "Theaters", "Forecasts", "Alerts", "Samples", "Health", "Dashboard"];

    [Fact]
    public void No_feature_uses_a_later_one()
    {
        var violations = Sources().SelectMany(s => Violations(s.Feature, s.Text).Select(v => $"{s.Path}: {v}")).ToArray();
        Assert.True(violations.Length == 0, "Features that use a later one:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_feature_folder_has_its_place_in_the_pipeline()
    {
        var folders = Directory.GetDirectories(Repository.ApiSource).Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj" or "Internal" or "wwwroot" or "Properties") && !f!.StartsWith('.'));
        Assert.Empty(folders.Except(Order));
    }

    [Fact]
    public void Marten_tables_are_named_only_by_the_storage_adapter()
    {
        var adapter = Path.Combine("Storage", "EventTables");
        var naming = Sources().Where(s => !s.Path.StartsWith(adapter) && MartenTable().IsMatch(s.Text)).Select(s => s.Path).ToArray();
        Assert.True(naming.Length == 0, "Marten's tables named outside Storage/EventTables: " + string.Join(", ", naming));
    }

    [Fact]
    public void The_check_finds_a_later_feature_by_using_and_by_qualified_name()
    {
        Assert.Equal(["Forecasts"], Violations("Theaters", "using EscalationForecast.Api.Forecasts.Live;\nnamespace EscalationForecast.Api.Theaters;"));
        Assert.Equal(["Alerts"], Violations("Events", "namespace EscalationForecast.Api.Events;\nclass X { Alerts.Rules.AlertRule? r; }"));
        Assert.Empty(Violations("Alerts", "using EscalationForecast.Api.Forecasts.Risk;\nusing EscalationForecast.Api.Events;\nclass X { void F() { opts.Events.Map(); } }"));
    }

    /// <summary>The later features a file of <paramref name="feature"/> refers to.</summary>
    public static string[] Violations(string feature, string text)
    {
        var rank = Array.IndexOf(Order, feature);
        var used = Namespace().Matches(text).Select(m => m.Groups[1].Value)
            .Concat(QualifiedName.Matches(text).Select(m => m.Groups[1].Value));
        return used.Distinct().Where(f => Array.IndexOf(Order, f) > rank).Order().ToArray();
    }

    [GeneratedRegex(@"EscalationForecast\.Api\.(\w+)")]
    private static partial Regex Namespace();

    /// <summary>A name qualified from a feature's namespace down, as code inside <c>EscalationForecast.Api</c> may write it.</summary>
    private static readonly Regex QualifiedName = new($@"(?<![\w.])({string.Join('|', Order)})\.[A-Z]\w*\.[A-Z]");

    [GeneratedRegex(@"\bmt_(events|streams|event_progression|doc_\w+)\b")]
    private static partial Regex MartenTable();

    private static IEnumerable<(string Path, string Feature, string Text)> Sources()
    {
        var root = Repository.ApiSource;
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(root, file);
            var parts = path.Split(Path.DirectorySeparatorChar);
            if (parts.Length < 2 || parts[0] is "bin" or "obj" or "Internal") continue; // Program.cs composes them all; generated code follows the handlers
            yield return (path, parts[0], File.ReadAllText(file));
        }
    }
}
