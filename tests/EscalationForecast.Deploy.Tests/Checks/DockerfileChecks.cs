using System.Text.RegularExpressions;
using System.Xml.Linq;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

/// <summary>deploy/Dockerfile: stages, user, health check, port, entry point and every file it copies.</summary>
public static class DockerfileChecks
{
    public const string DockerfilePath = "deploy/Dockerfile";
    public const string IgnorePath = "deploy/Dockerfile.dockerignore";

    /// <summary>Build context of the image: the repository root.</summary>
    public const string Context = "";

    public static DockerfileModel Load(RepoSnapshot repo) =>
        DockerfileModel.Parse(repo.Read(DockerfilePath) ?? throw new InvalidOperationException($"{DockerfilePath} is missing"));

    /// <summary>The port the image EXPOSEs (the API container port every other file must use).</summary>
    public static int? ExposedPort(RepoSnapshot repo)
    {
        var model = Load(repo);
        var expose = model.FinalStage is { } s ? model.In(s, "EXPOSE").FirstOrDefault() : null;
        var port = expose?.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split('/')[0];
        return int.TryParse(port, out var p) ? p : null;
    }

    /// <summary>True when the image defines a HEALTHCHECK (compose's service_healthy can rely on it).</summary>
    public static bool HasHealthCheck(RepoSnapshot repo) =>
        Load(repo) is { FinalStage: { } s } m && m.In(s, "HEALTHCHECK").Any(h => !h.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase));

    public static Problems Check(RepoSnapshot repo)
    {
        var problems = new Problems();
        if (repo.Read(DockerfilePath) is null)
        {
            problems.Add($"{DockerfilePath} is missing");
            return problems;
        }

        var model = Load(repo);

        // Stages: multi-stage, SDK to build, ASP.NET runtime to run.
        problems.Require(model.Stages.Count >= 2, $"Dockerfile: expected a multi-stage build (>= 2 FROM), found {model.Stages.Count}");
        problems.Require(model.Stages.Any(s => s.Image == ServiceContract.BuildImage),
            $"Dockerfile: no stage builds FROM {ServiceContract.BuildImage} (found {string.Join(", ", model.Stages.Select(s => s.Image))})");
        var final = model.FinalStage;
        if (final is null) return problems;
        problems.Require(final.Image == ServiceContract.RuntimeImage, $"Dockerfile: final stage runs FROM {final.Image}, expected {ServiceContract.RuntimeImage}");

        var stageNames = model.Stages.Where(s => s.Name is not null).Select(s => s.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Non-root user in the final stage.
        var user = model.In(final, "USER").LastOrDefault()?.Arguments.Trim();
        problems.Require(user is not null, "Dockerfile: final stage has no USER (would run as root)");
        if (user is not null)
        {
            var name = user.Split(':')[0];
            var nonRoot = name is "$APP_UID" or "${APP_UID}" or "app" ||
                          (int.TryParse(name, out var uid) && uid != 0);
            problems.Require(nonRoot, $"Dockerfile: USER {user} is not the non-root app user ($APP_UID, app or a non-zero UID)");
        }

        // Port: EXPOSE, ASP.NET Core listening settings and the health check agree.
        var port = ExposedPort(repo);
        problems.Require(port == ServiceContract.ContainerPort, $"Dockerfile: EXPOSE {port?.ToString() ?? "(none)"} does not match the API port {ServiceContract.ContainerPort}");
        var env = model.Env(final);
        problems.Require(env.GetValueOrDefault("ASPNETCORE_URLS") is { } urls && ListensOn(urls, ServiceContract.ContainerPort) && ListensOn(urls, ServiceContract.ManagementPort),
            $"Dockerfile: ENV ASPNETCORE_URLS must listen on all interfaces, ports {ServiceContract.ContainerPort} and {ServiceContract.ManagementPort}");
        problems.Require(env.GetValueOrDefault("Management__Port") == ServiceContract.ManagementPort.ToString(),
            $"Dockerfile: ENV Management__Port must be {ServiceContract.ManagementPort} (metrics served off the API port)");
        problems.Require(env.GetValueOrDefault("Samples__LoadOnEmptyStore") == "false", "Dockerfile: ENV Samples__LoadOnEmptyStore must be false (no demo data in production)");

        // HEALTHCHECK against the liveness endpoint on that port.
        var health = model.In(final, "HEALTHCHECK").LastOrDefault();
        problems.Require(health is not null, "Dockerfile: final stage has no HEALTHCHECK");
        if (health is not null)
        {
            var cmdIndex = health.Rest.IndexOf("CMD", StringComparison.Ordinal);
            problems.Require(cmdIndex >= 0, "Dockerfile: HEALTHCHECK has no CMD");
            if (cmdIndex >= 0)
            {
                var cmdText = health.Rest[(cmdIndex + 3)..].Trim();
                var exec = health.ExecForm(cmdText);
                problems.Require(!cmdText.StartsWith('[') || exec is not null, "Dockerfile: HEALTHCHECK CMD exec form is not a valid JSON array");
                var command = exec is null ? cmdText : string.Join(' ', exec);
                problems.Require(command.Contains(ServiceContract.LivenessPath), $"Dockerfile: HEALTHCHECK does not probe {ServiceContract.LivenessPath}");
                problems.Require(command.Contains($"/{ServiceContract.ContainerPort}") || command.Contains($":{ServiceContract.ContainerPort}"),
                    $"Dockerfile: HEALTHCHECK does not target port {ServiceContract.ContainerPort}");
                problems.Require(!Regex.IsMatch(command, @"\b(curl|wget)\b"), "Dockerfile: HEALTHCHECK uses curl/wget, which the aspnet image does not ship");
            }
        }

        // ENTRYPOINT runs the API assembly.
        var assembly = ApiAssemblyName(repo) + ".dll";
        var entry = model.In(final, "ENTRYPOINT").LastOrDefault();
        var entryArgs = entry?.ExecForm(entry.Arguments);
        problems.Require(entryArgs is not null, "Dockerfile: final stage needs an exec-form ENTRYPOINT");
        if (entryArgs is not null)
        {
            problems.Require(entryArgs.Count == 2 && entryArgs[0] == "dotnet" && entryArgs[1] == assembly,
                $"Dockerfile: ENTRYPOINT is [{string.Join(", ", entryArgs)}], expected [dotnet, {assembly}]");
        }

        // The published output is what the final stage copies and runs from.
        var publish = model.Instructions.FirstOrDefault(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish"));
        problems.Require(publish is not null, "Dockerfile: no RUN dotnet publish");
        string? publishDir = null;
        if (publish is not null)
        {
            problems.Require(publish.Arguments.Contains("src/EscalationForecast.Api"), "Dockerfile: dotnet publish does not build src/EscalationForecast.Api");
            problems.Require(Regex.IsMatch(publish.Arguments, @"(-c|--configuration)\s+Release"), "Dockerfile: dotnet publish is not -c Release");
            publishDir = Regex.Match(publish.Arguments, @"(?:-o|--output)\s+(\S+)").Groups[1].Value;
            problems.Require(publishDir.Length > 0, "Dockerfile: dotnet publish has no -o/--output");
        }

        var workdir = model.In(final, "WORKDIR").LastOrDefault()?.Arguments.Trim();
        var fromBuild = model.In(final, "COPY").Where(c => c.Flags.ContainsKey("from")).ToList();
        problems.Require(fromBuild.Count > 0, "Dockerfile: final stage copies nothing from the build stage");
        foreach (var copy in fromBuild)
        {
            var from = copy.Flags["from"];
            problems.Require(stageNames.Contains(from) || (int.TryParse(from, out var idx) && idx < final.Index),
                $"Dockerfile line {copy.Line}: COPY --from={from} names no earlier stage");
            var (sources, destination) = DockerfileModel.CopyOperands(copy);
            if (publishDir is { Length: > 0 })
            {
                problems.Require(sources.Any(s => RepoSnapshot.Normalize(s) == RepoSnapshot.Normalize(publishDir)),
                    $"Dockerfile line {copy.Line}: copies {string.Join(' ', sources)} but publish writes to {publishDir}");
            }

            var target = destination is "." or "./" ? workdir : destination;
            problems.Require(target is not null && RepoSnapshot.Normalize(target) == RepoSnapshot.Normalize(workdir ?? ""),
                $"Dockerfile line {copy.Line}: published files go to {destination}, but WORKDIR (where ENTRYPOINT finds {assembly}) is {workdir}");
        }

        // Every file COPY takes from the build context exists and is not ignored.
        var ignore = new DockerIgnore(repo.Read(IgnorePath));
        var copiedBeforeRestore = new List<string>();
        var restore = model.Instructions.FirstOrDefault(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore"));
        foreach (var copy in model.Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.ContainsKey("from")))
        {
            var (sources, destination) = DockerfileModel.CopyOperands(copy);
            problems.Require(sources.Count > 0, $"Dockerfile line {copy.Line}: {copy.Keyword} without source and destination");
            foreach (var source in sources)
            {
                var path = RepoSnapshot.Combine(Context, source);
                var exists = source.EndsWith('/') ? repo.DirectoryExists(path) : repo.FileExists(path) || repo.DirectoryExists(path);
                problems.Require(exists, $"Dockerfile line {copy.Line}: COPY source '{source}' does not exist in the repository");
                problems.Require(!ignore.IsExcluded(path), $"Dockerfile line {copy.Line}: COPY source '{source}' is excluded by {IgnorePath}");
                if (restore is not null && copy.Line < restore.Line)
                {
                    // Record where each restore-layer file lands (relative to WORKDIR).
                    var dest = destination.EndsWith('/') ? destination + Path.GetFileName(source.TrimEnd('/')) : destination;
                    copiedBeforeRestore.Add(RepoSnapshot.Normalize(dest));
                }
            }
        }

        // Restore layer: the props and every project the API references, before `dotnet restore`.
        problems.Require(restore is not null, "Dockerfile: no RUN dotnet restore layer");
        if (restore is not null)
        {
            var needed = new[] { "src/Directory.Build.props", "src/Directory.Packages.props" }
                .Concat(ProjectClosure(repo, ServiceContract.ApiProject));
            foreach (var file in needed)
            {
                problems.Require(copiedBeforeRestore.Contains(file),
                    $"Dockerfile: the restore layer does not COPY {file} before `dotnet restore`");
            }
        }

        // The .dockerignore must not hide the sources either.
        problems.Require(repo.FileExists(IgnorePath), $"{IgnorePath} is missing (the build context would include bin/obj and .git)");
        foreach (var project in ProjectClosure(repo, ServiceContract.ApiProject))
        {
            problems.Require(!ignore.IsExcluded(project), $"{IgnorePath} excludes {project}");
        }

        problems.Require(ignore.IsExcluded("src/EscalationForecast.Api/bin/Debug/x.dll") && ignore.IsExcluded("src/EscalationForecast.Api/obj/project.assets.json"),
            $"{IgnorePath} must exclude bin/ and obj/ (host build output would overwrite the container's restore)");
        // Local state a developer's checkout holds inside src/: the embedded cluster (with its password file), env files, test output.
        foreach (var local in LocalState)
        {
            problems.Require(ignore.IsExcluded(local), $"{IgnorePath} does not exclude {local} (local state would enter the image)");
        }

        return problems;
    }

    public static readonly string[] LocalState =
    [
        "src/EscalationForecast.Api/.data/postgres/password",
        "src/EscalationForecast.Api/.data/postgres/data/PG_VERSION",
        "src/EscalationForecast.Api/.env",
        "src/EscalationForecast.Api/TestResults/run.trx",
        "src/EscalationForecast.Api/service.log",
    ];

    /// <summary>Whether a URL list (<c>a;b</c>) has a listener on every interface at the port.</summary>
    public static bool ListensOn(string urls, int port) =>
        urls.Split(';', StringSplitOptions.TrimEntries).Any(u => u is var x && (x.StartsWith("http://+:") || x.StartsWith("http://*:") || x.StartsWith("http://0.0.0.0:") || x.StartsWith("http://[::]:")) && x.EndsWith($":{port}", StringComparison.Ordinal));

    /// <summary>The API project and every project it references, transitively (repository-relative).</summary>
    public static IReadOnlyList<string> ProjectClosure(RepoSnapshot repo, string project)
    {
        var seen = new List<string>();
        var queue = new Queue<string>([RepoSnapshot.Normalize(project)]);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            if (seen.Contains(p)) continue;
            seen.Add(p);
            var xml = repo.Read(p);
            if (xml is null) continue;
            foreach (var reference in XDocument.Parse(xml).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value;
                if (include is not null) queue.Enqueue(RepoSnapshot.Combine(RepoSnapshot.DirectoryOf(p), include));
            }
        }

        return seen;
    }

    public static string ApiAssemblyName(RepoSnapshot repo)
    {
        var xml = repo.Read(ServiceContract.ApiProject);
        var name = xml is null ? null : XDocument.Parse(xml).Descendants("AssemblyName").FirstOrDefault()?.Value;
        return name ?? Path.GetFileNameWithoutExtension(ServiceContract.ApiProject);
    }
}
