using System.Text.RegularExpressions;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>Grafana provisioning: datasources reach compose services, dashboard providers point at dashboard files that parse and chart the service's metrics.</summary>
public static class GrafanaChecks
{
    public const string ProvisioningTarget = "/etc/grafana/provisioning";

    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        var compose = ComposeChecks.Load(repo);
        if (compose.Services.GetValueOrDefault(ComposeChecks.Grafana) is not { } grafana)
        {
            problems.Add($"compose: no '{ComposeChecks.Grafana}' service");
            return problems;
        }

        var provisioning = compose.ResolveContainerPath(grafana, ProvisioningTarget);
        if (provisioning is null || !repo.DirectoryExists(provisioning))
        {
            problems.Add($"compose: '{grafana.Name}' does not mount an existing provisioning folder at {ProvisioningTarget}");
            return problems;
        }

        // Datasources.
        var datasourceUids = new HashSet<string>(StringComparer.Ordinal);
        var datasourceFiles = repo.FilesUnder(provisioning + "/datasources").Where(ParseChecks.IsYaml).ToList();
        problems.Require(datasourceFiles.Count > 0, $"{provisioning}/datasources: no datasource provisioning file");
        foreach (var file in datasourceFiles)
        {
            var tree = Load(repo, file, problems);
            problems.Require(Node.Int(tree, "apiVersion") == 1, $"{file}: apiVersion must be 1");
            foreach (var ds in Node.Maps(tree, "datasources"))
            {
                var name = Node.Str(ds, "name") ?? "?";
                foreach (var key in new[] { "name", "type", "uid", "url" })
                {
                    problems.Require(Node.Str(ds, key) is not null, $"{file}: datasource {name} has no {key}");
                }

                if (Node.Str(ds, "uid") is { } uid) datasourceUids.Add(uid);
                if (Node.Str(ds, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u))
                {
                    ComposeChecks.CheckServiceAddress(compose, $"{file}: datasource {name}", "url", u.Host, u.Port, problems);
                }
            }
        }

        problems.Require(datasourceUids.Count > 0, $"{provisioning}/datasources: no datasource with a uid");

        // Dashboard providers -> dashboard folders inside the container -> files in the repository.
        var dashboardFiles = new List<string>();
        var providerFiles = repo.FilesUnder(provisioning + "/dashboards").Where(ParseChecks.IsYaml).ToList();
        problems.Require(providerFiles.Count > 0, $"{provisioning}/dashboards: no dashboard provider file");
        foreach (var file in providerFiles)
        {
            var tree = Load(repo, file, problems);
            problems.Require(Node.Int(tree, "apiVersion") == 1, $"{file}: apiVersion must be 1");
            foreach (var provider in Node.Maps(tree, "providers"))
            {
                var name = Node.Str(provider, "name") ?? "?";
                problems.Require(Node.Str(provider, "type") == "file", $"{file}: provider {name} must be of type file");
                var path = Node.Str(provider, "options", "path");
                var repoPath = path is null ? null : compose.ResolveContainerPath(grafana, path);
                if (repoPath is null || !repo.DirectoryExists(repoPath))
                {
                    problems.Add($"{file}: provider {name} reads {path}, which no '{grafana.Name}' bind mount provides from an existing folder");
                    continue;
                }

                var json = repo.FilesUnder(repoPath).Where(ParseChecks.IsJson).ToList();
                problems.Require(json.Count > 0, $"{file}: provider {name} folder {repoPath} holds no dashboard JSON");
                dashboardFiles.AddRange(json);
            }
        }

        if (grafana.Environment.GetValueOrDefault("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH") is { } home)
        {
            var homePath = compose.ResolveContainerPath(grafana, home);
            problems.Require(homePath is not null && dashboardFiles.Contains(homePath), $"compose: '{grafana.Name}' home dashboard {home} is not a provisioned dashboard file");
        }

        // Dashboards: structure, datasources, queries.
        var charted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in dashboardFiles.Distinct())
        {
            object? dashboard;
            try
            {
                dashboard = Json.Load(repo.Read(file)!, file);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
                continue;
            }

            CheckDashboard(file, dashboard, datasourceUids, charted, problems);
        }

        foreach (var metric in ServiceContract.DashboardRequired)
        {
            var family = Regex.Replace(metric, "_bucket$", "");
            problems.Require(charted.Contains(metric) || charted.Any(c => c.StartsWith(family, StringComparison.Ordinal) && Regex.Replace(c, "_(bucket|sum|count)$", "") == family),
                $"dashboards: no panel charts {metric}");
        }

        return problems;
    }

    private static void CheckDashboard(string file, object? dashboard, HashSet<string> datasourceUids, HashSet<string> charted, Problems problems)
    {
        foreach (var key in new[] { "uid", "title" })
        {
            problems.Require(Node.Str(dashboard, key) is { Length: > 0 }, $"{file}: dashboard has no {key}");
        }

        var variables = Node.Maps(dashboard, "templating", "list").ToList();
        var variableNames = variables.Select(v => Node.Str(v, "name")).OfType<string>().ToHashSet();
        foreach (var v in variables.Where(v => Node.Str(v, "type") == "query"))
        {
            // Grafana keeps the query in "query" (string or object) and echoes it in "definition": check every copy.
            foreach (var query in new[] { Node.Str(v, "query", "query"), Node.Str(v, "query"), Node.Str(v, "definition") }.OfType<string>())
            {
                var m = Regex.Match(query, @"label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,");
                if (m.Success)
                {
                    problems.Require(ServiceContract.QueryableMetrics.Contains(m.Groups[1].Value), $"{file}: variable {Node.Str(v, "name")} reads '{m.Groups[1].Value}', which the service does not export");
                }
            }

            CheckDatasource(file, $"variable {Node.Str(v, "name")}", Node.At(v, "datasource"), datasourceUids, variableNames, problems);
        }

        var panels = Node.Maps(dashboard, "panels").SelectMany(p => new[] { p }.Concat(Node.Maps(p, "panels"))).ToList();
        problems.Require(panels.Count(p => Node.Str(p, "type") != "row") > 0, $"{file}: dashboard has no panels");
        var ids = new HashSet<string>();
        foreach (var panel in panels)
        {
            var title = Node.Str(panel, "title") ?? "?";
            var where = $"{file}: panel '{title}'";
            if (Node.Str(panel, "id") is { } id) problems.Require(ids.Add(id), $"{where}: duplicate panel id {id}");
            problems.Require(Node.Map(Node.At(panel, "gridPos")) is not null, $"{where}: no gridPos");
            if (Node.Str(panel, "type") == "row") continue;

            var targets = Node.Maps(panel, "targets").ToList();
            problems.Require(targets.Count > 0, $"{where}: no queries");
            CheckDatasource(file, $"panel '{title}'", Node.At(panel, "datasource"), datasourceUids, variableNames, problems);
            foreach (var target in targets)
            {
                CheckDatasource(file, $"panel '{title}' query {Node.Str(target, "refId")}", Node.At(target, "datasource"), datasourceUids, variableNames, problems);
                var expr = Node.Str(target, "expr");
                if (expr is null)
                {
                    problems.Add($"{where}: query {Node.Str(target, "refId")} has no expr");
                    continue;
                }

                foreach (var name in TelemetryChecks.CheckQuery(expr, where, problems)) charted.Add(name);
                foreach (Match m in Regex.Matches(expr, @"\$\{?([A-Za-z_][A-Za-z0-9_]*)"))
                {
                    var variable = m.Groups[1].Value;
                    problems.Require(variable.StartsWith("__", StringComparison.Ordinal) || variableNames.Contains(variable),
                        $"{where}: query uses ${variable}, which is not a dashboard variable");
                }
            }
        }
    }

    private static void CheckDatasource(string file, string where, object? datasource, HashSet<string> uids, HashSet<string> variables, Problems problems)
    {
        if (datasource is null) return; // inherits the panel's / the default datasource
        var uid = Node.Str(datasource, "uid") ?? Node.Str(datasource);
        if (uid is null) return;
        var variable = Regex.Match(uid, @"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$");
        if (variable.Success)
        {
            problems.Require(variables.Contains(variable.Groups[1].Value), $"{file}: {where} uses datasource variable {uid}, which is not defined");
            return;
        }

        problems.Require(uids.Contains(uid), $"{file}: {where} uses datasource uid '{uid}', which is not provisioned ({string.Join(", ", uids)})");
    }

    private static object? Load(RepoSnapshot repo, string file, Problems problems)
    {
        try
        {
            return Yaml.LoadSingle(repo.Read(file)!, file);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }
}
