using EscalationForecast.Deploy.Tests.Checks;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests;

/// <summary>The deploy/ folder as committed passes every check (MutationTests proves each check can fail).</summary>
public class DeployFilesTests
{
    private static readonly RepoSnapshot Repo = RepoSnapshot.Load();

    private static void AssertClean(Problems problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):{Environment.NewLine}{problems}");

    [Fact]
    public void Every_yaml_and_json_file_under_deploy_parses() => AssertClean(ParseChecks.Check(Repo));

    [Fact]
    public void Every_yaml_and_json_file_is_covered_by_the_parse_check()
    {
        var files = Repo.FilesUnder("deploy").Where(f => ParseChecks.IsYaml(f) || ParseChecks.IsJson(f)).ToList();
        Assert.Contains(ComposeChecks.ComposePath, files);
        Assert.Contains(files, f => f.StartsWith(K8sChecks.BaseDir + "/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".json", StringComparison.Ordinal));
        Assert.True(files.Count >= 20, $"only {files.Count} YAML/JSON files found under deploy/");
    }

    [Fact]
    public void Dockerfile_is_multi_stage_non_root_healthchecked_and_copies_existing_files() => AssertClean(DockerfileChecks.Check(Repo));

    [Fact]
    public void Compose_services_builds_dependencies_volumes_and_ports_are_consistent() => AssertClean(ComposeChecks.Check(Repo));

    [Fact]
    public void Compose_proxy_balances_the_api_replicas_and_passes_server_sent_events() => AssertClean(ProxyChecks.Check(Repo));

    [Fact]
    public void Compose_telemetry_collector_and_prometheus_point_at_real_services_and_ports() => AssertClean(TelemetryChecks.Check(Repo));

    [Fact]
    public void Compose_grafana_provisioning_and_dashboard_chart_the_service_metrics() => AssertClean(GrafanaChecks.Check(Repo));

    [Fact]
    public void K8s_base_manifests_are_consistent() => AssertClean(K8sChecks.CheckBase(Repo));

    [Fact]
    public void K8s_transport_overlays_patch_existing_resources_and_stay_consistent() => AssertClean(K8sChecks.CheckOverlays(Repo));

    [Fact]
    public void Readme_documents_what_was_and_was_not_run()
    {
        var readme = Repo.Read("deploy/README.md");
        Assert.NotNull(readme);
        Assert.Contains("NOT run", readme, StringComparison.Ordinal);
        foreach (var file in new[] { "Dockerfile", "docker-compose.yml", "kustomization.yaml", "dotnet test tests/EscalationForecast.Deploy.Tests" })
        {
            Assert.Contains(file, readme, StringComparison.Ordinal);
        }
    }
}
