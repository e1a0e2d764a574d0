using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>Every YAML and JSON file under deploy/ parses; YAML documents are mappings with content.</summary>
public static class ParseChecks
{
    public static bool IsYaml(string path) => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);

    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.Ordinal);

    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        var files = repo.FilesUnder("deploy").Where(f => IsYaml(f) || IsJson(f)).ToList();
        problems.Require(files.Count > 0, "no YAML or JSON files under deploy/");
        foreach (var file in files)
        {
            var text = repo.Read(file)!;
            try
            {
                if (IsJson(file))
                {
                    problems.Require(Node.Map(Json.Load(text, file)) is not null, $"{file}: top level is not a JSON object");
                    continue;
                }

                var docs = Yaml.LoadAll(text, file);
                problems.Require(docs.Count > 0, $"{file}: no YAML document");
                for (var i = 0; i < docs.Count; i++)
                {
                    problems.Require(Node.Map(docs[i]) is { Count: > 0 }, $"{file}: document {i + 1} is not a non-empty mapping");
                }
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }

        return problems;
    }
}
