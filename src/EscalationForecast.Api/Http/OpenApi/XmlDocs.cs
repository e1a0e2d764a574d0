using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EscalationForecast.Api.Http.OpenApi;

/// <summary>
/// The XML documentation the build writes beside the assembly (<c>GenerateDocumentationFile</c>): the summary of a type
/// as plain Markdown (<c>&lt;c&gt;</c> as code, <c>&lt;see cref&gt;</c> as the name), for the operations' descriptions.
/// </summary>
public static partial class XmlDocs
{
    private static readonly Lazy<Dictionary<string, string>> Summaries = new(Load);

    public static string? Summary(Type type) => Summaries.Value.GetValueOrDefault("T:" + type.FullName?.Replace('+', '.'));

    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(XmlDocs).Assembly.Location, ".xml");
        if (!File.Exists(path)) return [];
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .GroupBy(m => (string)m.Attribute("name")!)
            .ToDictionary(g => g.Key, g => Text(g.First().Element("summary")!));
    }

    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
            XElement { Name.LocalName: "see" } see => $"`{((string?)see.Attribute("cref"))?.Split('.', ':').Last() ?? see.Value}`",
            XElement { Name.LocalName: "paramref" } p => $"`{(string?)p.Attribute("name")}`",
            XElement e => e.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
}
