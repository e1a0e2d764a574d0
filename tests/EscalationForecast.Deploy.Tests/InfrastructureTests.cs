using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests;

/// <summary>The small readers the checks rely on behave like the real tools on the cases that matter.</summary>
public class InfrastructureTests
{
    [Fact]
    public void Yaml_merge_keys_apply_like_compose_with_explicit_keys_winning()
    {
        const string text = """
            x-env: &env
              A: "1"
              B: "2"
            x-svc: &svc
              image: img
              environment: *env
            services:
              one:
                <<: *svc
                environment:
                  <<: *env
                  B: "3"
              two:
                <<: *svc
            """;
        var tree = Yaml.LoadSingle(text, "t.yml");
        Assert.Equal("img", Node.Str(tree, "services", "one", "image"));
        Assert.Equal("1", Node.Str(tree, "services", "one", "environment", "A"));
        Assert.Equal("3", Node.Str(tree, "services", "one", "environment", "B"));
        Assert.Equal("2", Node.Str(tree, "services", "two", "environment", "B"));
        Assert.Null(Node.At(tree, "services", "one", "<<"));
    }

    [Fact]
    public void Yaml_reads_multiple_documents_and_rejects_duplicate_keys()
    {
        Assert.Equal(3, Yaml.LoadAll("a: 1\n---\nb: 2\n---\nc: 3\n", "m.yaml").Count);
        Assert.Throws<FormatException>(() => Yaml.LoadAll("a: 1\na: 2\n", "d.yaml"));
        Assert.Throws<FormatException>(() => Yaml.LoadAll("a: [1\n", "s.yaml"));
    }

    [Fact]
    public void Yaml_plain_null_is_null_but_quoted_null_is_text()
    {
        var tree = Yaml.LoadSingle("a:\nb: ~\nc: \"null\"\n", "n.yaml");
        Assert.True(Node.Map(tree)!.ContainsKey("a"));
        Assert.Null(Node.At(tree, "a"));
        Assert.Null(Node.At(tree, "b"));
        Assert.Equal("null", Node.Str(tree, "c"));
    }

    [Theory]
    [InlineData("src/EscalationForecast.Api/Program.cs", false)]
    [InlineData("src/Directory.Build.props", false)]
    [InlineData("src/EscalationForecast.Api/bin/Debug/a.dll", true)]
    [InlineData("src/EscalationForecast.Hawkes/obj/project.assets.json", true)]
    [InlineData("tests/EscalationForecast.Api.Tests/X.cs", true)]
    [InlineData(".git/HEAD", true)]
    public void DockerIgnore_allow_list_keeps_sources_and_drops_build_output(string path, bool excluded)
    {
        var ignore = new DockerIgnore("**\n!src/\n**/bin/\n**/obj/\n");
        Assert.Equal(excluded, ignore.IsExcluded(path));
    }

    [Fact]
    public void PromQl_metric_names_skip_functions_labels_ranges_and_groupings()
    {
        var names = PromQl.MetricNames("histogram_quantile(0.95, sum by (le, theater) (rate(escalation_model_fit_duration_seconds_bucket{theater=~\"$theater\"}[$__rate_interval]))) / clamp_min(up{job=\"x\"}, 1e-9) > 0.2");
        Assert.Equal(["escalation_model_fit_duration_seconds_bucket", "up"], names);
    }

    [Fact]
    public void Nginx_parser_reports_unbalanced_blocks_and_missing_semicolons()
    {
        var ok = NginxBlock.Parse("upstream u { server a:1; }\nserver { listen 80; location / { proxy_pass http://u; } }", "ok.conf");
        Assert.Equal("a:1", ok.Descendants("upstream").Single().First("server")![0]);
        Assert.Throws<FormatException>(() => NginxBlock.Parse("server { listen 80; ", "open.conf"));
        Assert.Throws<FormatException>(() => NginxBlock.Parse("server { listen 80 }", "semi.conf"));
        Assert.Throws<FormatException>(() => NginxBlock.Parse("}", "close.conf"));
    }

    [Fact]
    public void Dockerfile_parser_joins_continuations_and_resolves_global_args()
    {
        var model = DockerfileModel.Parse("ARG V=10.0\nFROM img:${V} AS build\nRUN a \\\n  # comment\n  b\nFROM other:${V}\nCOPY --from=build /app ./\n");
        Assert.Equal(["img:10.0", "other:10.0"], model.Stages.Select(s => s.Image));
        Assert.Equal("a b", model.Instructions.Single(i => i.Keyword == "RUN").Arguments);
        Assert.Equal("build", model.Instructions.Single(i => i.Keyword == "COPY").Flags["from"]);
    }
}
