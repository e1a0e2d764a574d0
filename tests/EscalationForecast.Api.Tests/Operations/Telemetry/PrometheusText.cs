using System.Globalization;
using System.Text.RegularExpressions;
using Alba;

namespace EscalationForecast.Api.Tests.Operations.Telemetry;

/// <summary>A sample of the Prometheus text exposition: metric name, labels, value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

public static partial class PrometheusText
{
    public static async Task<(string Text, List<Sample> Samples)> ScrapeAsync(IAlbaHost host)
    {
        using var response = await host.Server.CreateClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {text}");
        return (text, Parse(text));
    }

    public static List<Sample> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => SampleLine().Match(l))
            .Where(m => m.Success)
            .Select(m => new Sample(m.Groups["name"].Value,
                Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
