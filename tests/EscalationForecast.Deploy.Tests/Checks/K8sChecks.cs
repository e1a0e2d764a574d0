using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests.Checks;

public sealed record K8sDoc(string Source, Dictionary<string, object?> Tree)
{
    public string? Kind => Node.Str(Tree, "kind");
    public string? Name => Node.Str(Tree, "metadata", "name");
    public string? ApiVersion => Node.Str(Tree, "apiVersion");
    public string? Namespace => Node.Str(Tree, "metadata", "namespace");
    public override string ToString() => $"{Source}: {Kind}/{Name}";
}

/// <summary>deploy/k8s: manifests, their cross references, the kustomizations and the transport overlays.</summary>
public static class K8sChecks
{
    public const string BaseDir = "deploy/k8s/base";
    public const string OverlaysDir = "deploy/k8s/overlays";
    public const string PlaceholderMarker = "CHANGE_ME";

    /// <summary>The Secret the operator creates (never applied from the repository): the keys the pods read, as placeholders.</summary>
    public const string OperatorSecretPath = "deploy/k8s/secret.example.yaml";

    /// <summary>The operator's Secret as the example describes it.</summary>
    public static K8sDoc? OperatorSecret(RepoSnapshot repo, Problems problems)
    {
        if (repo.Read(OperatorSecretPath) is not { } text)
        {
            problems.Add($"{OperatorSecretPath} is missing: it lists the keys of the Secret the operator creates");
            return null;
        }
        var docs = Parse(text, OperatorSecretPath, problems);
        problems.Require(docs.Count == 1 && docs[0].Kind == "Secret", $"{OperatorSecretPath}: expected one Secret");
        return docs.FirstOrDefault(d => d.Kind == "Secret");
    }

    private static readonly string[] ClusterScoped = ["Namespace"];

    // ---------------------------------------------------------------- loading

    public static List<K8sDoc> Parse(string text, string source, Problems problems)
    {
        try
        {
            return Yaml.LoadAll(text, source).Select(Node.Map).OfType<Dictionary<string, object?>>().Select(t => new K8sDoc(source, t)).ToList();
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return [];
        }
    }

    public static object? Kustomization(RepoSnapshot repo, string dir, Problems problems)
    {
        var path = dir + "/kustomization.yaml";
        if (repo.Read(path) is not { } text)
        {
            problems.Add($"{path} is missing");
            return null;
        }

        try
        {
            return Yaml.LoadSingle(text, path);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    /// <summary>Checks a kustomization's file references; returns the resource files and patch files it names.</summary>
    public static (List<string> Resources, List<string> Patches) CheckKustomization(RepoSnapshot repo, string dir, object? kustomization, Problems problems)
    {
        var path = dir + "/kustomization.yaml";
        var resources = new List<string>();
        var patches = new List<string>();
        if (kustomization is null) return (resources, patches);
        problems.Require(Node.Str(kustomization, "kind") == "Kustomization", $"{path}: kind must be Kustomization");
        foreach (var resource in Node.Strings(kustomization, "resources"))
        {
            var target = RepoSnapshot.Combine(dir, resource);
            if (repo.FileExists(target)) resources.Add(target);
            else if (repo.FileExists(target + "/kustomization.yaml")) resources.Add(target + "/");
            else problems.Add($"{path}: resource '{resource}' ({target}) is neither a file nor a kustomization directory");
        }

        foreach (var patch in Node.Maps(kustomization, "patches").Select(p => Node.Str(p, "path")).OfType<string>()
                     .Concat(Node.Strings(kustomization, "patchesStrategicMerge")))
        {
            var target = RepoSnapshot.Combine(dir, patch);
            if (repo.FileExists(target)) patches.Add(target);
            else problems.Add($"{path}: patch '{patch}' ({target}) does not exist");
        }

        return (resources, patches);
    }

    // ---------------------------------------------------------------- base

    public static Problems CheckBase(RepoSnapshot repo)
    {
        var problems = new Problems();
        var kustomization = Kustomization(repo, BaseDir, problems);
        var (resources, _) = CheckKustomization(repo, BaseDir, kustomization, problems);

        // No manifest is left out of the kustomization.
        foreach (var file in repo.FilesUnder(BaseDir).Where(ParseChecks.IsYaml).Where(f => !f.EndsWith("/kustomization.yaml", StringComparison.Ordinal)))
        {
            problems.Require(resources.Contains(file), $"{BaseDir}/kustomization.yaml does not list {file}");
        }

        var docs = resources.Where(r => !r.EndsWith('/')).SelectMany(r => Parse(repo.Read(r)!, r, problems)).ToList();
        problems.Require(Node.Str(kustomization, "namespace") is null or ServiceContract.Namespace, $"{BaseDir}/kustomization.yaml: namespace must be {ServiceContract.Namespace}");
        problems.AddRange(CheckResources(docs, DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort, OperatorSecret(repo, problems)));

        // The image the kustomization retags is the one the Deployment uses, and it is the compose image's repository.
        var deployment = docs.FirstOrDefault(d => d.Kind == "Deployment");
        var image = deployment is null ? null : Containers(deployment.Tree).Select(c => Node.Str(c, "image")).FirstOrDefault();
        foreach (var entry in Node.Maps(kustomization, "images"))
        {
            problems.Require(Node.Str(entry, "name") == ImageRepository(image), $"{BaseDir}/kustomization.yaml: images entry '{Node.Str(entry, "name")}' matches no Deployment image ({image})");
        }

        var composeImage = ComposeChecks.ApiReplicas(ComposeChecks.Load(repo)).FirstOrDefault()?.Image;
        problems.Require(ImageRepository(image) == ImageRepository(composeImage),
            $"k8s: Deployment image '{image}' is not the image compose builds ('{composeImage}')");
        return problems;
    }

    public static string? ImageRepository(string? image)
    {
        if (image is null) return null;
        var noDigest = image.Split('@')[0];
        var slash = noDigest.LastIndexOf('/');
        var colon = noDigest.LastIndexOf(':');
        return colon > slash ? noDigest[..colon] : noDigest;
    }

    // ---------------------------------------------------------------- overlays

    public static IReadOnlyList<string> OverlayDirs(RepoSnapshot repo) =>
        repo.FilesUnder(OverlaysDir).Where(f => f.EndsWith("/kustomization.yaml", StringComparison.Ordinal)).Select(RepoSnapshot.DirectoryOf).ToList();

    public static Problems CheckOverlays(RepoSnapshot repo)
    {
        var problems = new Problems();
        var overlays = OverlayDirs(repo);
        var transports = new HashSet<string>();
        problems.Require(overlays.Count > 0, $"{OverlaysDir}: no overlays (RabbitMQ/Kafka alert transports)");
        var apiPort = DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort;
        foreach (var dir in overlays)
        {
            var kustomization = Kustomization(repo, dir, problems);
            var (resources, patches) = CheckKustomization(repo, dir, kustomization, problems);
            problems.Require(resources.Contains(BaseDir + "/"), $"{dir}/kustomization.yaml must build on {BaseDir}");

            // Base documents with the overlay's strategic-merge patches applied (maps merge, lists replace).
            var baseProblems = new Problems();
            var (baseResources, _) = CheckKustomization(repo, BaseDir, Kustomization(repo, BaseDir, baseProblems), baseProblems);
            var docs = baseResources.Where(r => !r.EndsWith('/')).SelectMany(r => Parse(repo.Read(r)!, r, baseProblems)).ToList();
            foreach (var patchFile in patches)
            {
                foreach (var patch in Parse(repo.Read(patchFile)!, patchFile, problems))
                {
                    var target = docs.FindIndex(d => d.Kind == patch.Kind && d.Name == patch.Name);
                    if (target < 0)
                    {
                        problems.Add($"{patchFile}: patches {patch.Kind}/{patch.Name}, which the base does not define");
                        continue;
                    }

                    docs[target] = docs[target] with { Tree = Merge(docs[target].Tree, patch.Tree), Source = docs[target].Source + "+" + patchFile };
                }
            }

            var result = CheckResources(docs, apiPort, OperatorSecret(repo, problems));
            problems.AddRange(result.Select(p => $"{dir} (merged): {p}"));
            if (docs.FirstOrDefault(d => d.Kind == "ConfigMap") is { } cm && Node.Str(cm.Tree, "data", "Alerting__Transport") is { } t)
                transports.Add(t);
        }

        foreach (var transport in ServiceContract.TransportSetting.Keys)
        {
            problems.Require(transports.Contains(transport), $"{OverlaysDir}: no overlay switches Alerting__Transport to {transport}");
        }

        return problems;
    }

    public static Dictionary<string, object?> Merge(Dictionary<string, object?> target, Dictionary<string, object?> patch)
    {
        var result = new Dictionary<string, object?>(target, StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            result[key] = Node.Map(value) is { } pm && Node.Map(result.GetValueOrDefault(key)) is { } tm ? Merge(tm, pm) : value;
        }

        return result;
    }

    // ---------------------------------------------------------------- resources

    public static IEnumerable<Dictionary<string, object?>> Containers(Dictionary<string, object?> workload) =>
        Node.Maps(workload, "spec", "template", "spec", "containers");

    /// <param name="secret">the Secret the operator creates (<see cref="OperatorSecretPath"/>), which no manifest may define</param>
    public static Problems CheckResources(IReadOnlyList<K8sDoc> docs, int apiPort, K8sDoc? secret)
    {
        var problems = new Problems();
        foreach (var d in docs)
        {
            problems.Require(d.ApiVersion is not null && d.Kind is not null && d.Name is not null, $"{d.Source}: a document lacks apiVersion, kind or metadata.name");
            if (d.Kind is not null && !ClusterScoped.Contains(d.Kind))
            {
                problems.Require(d.Namespace == ServiceContract.Namespace, $"{d}: metadata.namespace is '{d.Namespace}', expected {ServiceContract.Namespace}");
            }
        }

        K8sDoc? One(string kind)
        {
            var found = docs.Where(d => d.Kind == kind).ToList();
            problems.Require(found.Count == 1, $"k8s: expected exactly one {kind}, found {found.Count}");
            return found.FirstOrDefault();
        }

        var ns = One("Namespace");
        problems.Require(ns is null || ns.Name == ServiceContract.Namespace, $"k8s: Namespace is '{ns?.Name}', expected {ServiceContract.Namespace}");
        var deployment = One("Deployment");
        var service = One("Service");
        var hpa = One("HorizontalPodAutoscaler");
        var pdb = One("PodDisruptionBudget");
        var configMap = One("ConfigMap");
        // One migration path: the service applies its schema at start, so no Job runs `db-apply` beside it.
        foreach (var job in docs.Where(d => d.Kind == "Job"))
            problems.Add($"{job}: a migration Job; the pods apply the schema at start (one migration path)");
        // No published secret: the operator creates the Secret, so no placeholder can be applied by accident.
        foreach (var published in docs.Where(d => d.Kind == "Secret"))
            problems.Add($"{published}: the manifests define a Secret; the operator creates it (keys: {OperatorSecretPath})");
        if (deployment is null) return problems;

        // Deployment.
        var dep = deployment.Tree;
        var podLabels = Node.StringMap(dep, "spec", "template", "metadata", "labels");
        var selector = Node.StringMap(dep, "spec", "selector", "matchLabels");
        problems.Require(deployment.ApiVersion == "apps/v1", $"{deployment}: apiVersion must be apps/v1");
        problems.Require(Node.Int(dep, "spec", "replicas") is >= 2, $"{deployment}: spec.replicas must be at least 2");
        problems.Require(selector.Count > 0 && IsSubset(selector, podLabels), $"{deployment}: spec.selector.matchLabels must be non-empty and match the pod template labels");

        var containers = Containers(dep).ToList();
        problems.Require(containers.Count > 0, $"{deployment}: no containers");
        var api = containers.FirstOrDefault(c => Node.Maps(c, "ports").Any(p => Node.Int(p, "containerPort") == apiPort));
        problems.Require(api is not null, $"{deployment}: no container declares containerPort {apiPort} (the image's EXPOSE)");
        api ??= containers.FirstOrDefault();
        if (api is null) return problems;
        var image = Node.Str(api, "image");
        problems.Require(image is { Length: > 0 }, $"{deployment}: container has no image");
        var portNames = Node.Maps(api, "ports").Where(p => Node.Str(p, "name") is not null)
            .ToDictionary(p => Node.Str(p, "name")!, p => Node.Int(p, "containerPort"));

        int? ResolvePort(object? port) =>
            Node.Int(port) ?? (Node.Str(port) is { } name && portNames.TryGetValue(name, out var p) ? p : null);

        foreach (var (probe, path) in new[] { ("livenessProbe", ServiceContract.LivenessPath), ("readinessProbe", ServiceContract.ReadinessPath), ("startupProbe", (string?)null) })
        {
            var get = Node.At(api, probe, "httpGet");
            if (get is null)
            {
                problems.Add($"{deployment}: container has no {probe} (httpGet)");
                continue;
            }

            var actual = Node.Str(get, "path");
            problems.Require(path is null ? actual is not null && (actual == ServiceContract.LivenessPath || actual == ServiceContract.ReadinessPath) : actual == path,
                $"{deployment}: {probe} probes {actual}, expected {path ?? ServiceContract.LivenessPath}");
            problems.Require(ResolvePort(Node.At(get, "port")) == apiPort, $"{deployment}: {probe} port '{Node.Str(get, "port")}' is not the container port {apiPort}");
        }

        CheckPodHardening(deployment, dep, api, problems);

        var topology = Node.Maps(dep, "spec", "template", "spec", "topologySpreadConstraints").ToList();
        problems.Require(topology.Count > 0, $"{deployment}: no topologySpreadConstraints");
        foreach (var t in topology)
        {
            var labels = Node.StringMap(t, "labelSelector", "matchLabels");
            problems.Require(Node.Str(t, "topologyKey") is not null && labels.Count > 0 && IsSubset(labels, podLabels),
                $"{deployment}: a topologySpreadConstraint needs a topologyKey and a labelSelector matching the pods");
        }

        var envFrom = EnvFrom(api);
        problems.Require(configMap is not null && envFrom.ConfigMaps.Contains(configMap.Name!), $"{deployment}: envFrom does not load ConfigMap {configMap?.Name}");
        problems.Require(secret is not null && envFrom.Secrets.Contains(secret.Name!), $"{deployment}: envFrom does not load Secret {secret?.Name}");
        foreach (var missing in envFrom.ConfigMaps.Where(n => docs.All(d => d.Kind != "ConfigMap" || d.Name != n)))
            problems.Add($"{deployment}: envFrom references ConfigMap {missing}, which is not defined");
        foreach (var missing in envFrom.Secrets.Where(n => n != secret?.Name))
            problems.Add($"{deployment}: envFrom references Secret {missing}, which {OperatorSecretPath} does not describe");

        // Metrics on the management port: declared on the container, named in the scrape annotation.
        problems.Require(Node.Maps(api, "ports").Any(p => Node.Int(p, "containerPort") == ServiceContract.ManagementPort),
            $"{deployment}: no containerPort {ServiceContract.ManagementPort} (the management port, where /metrics answers)");
        var scrapePort = Node.Str(dep, "spec", "template", "metadata", "annotations", "prometheus.io/port");
        problems.Require(scrapePort is null || scrapePort == ServiceContract.ManagementPort.ToString(),
            $"{deployment}: prometheus.io/port is {scrapePort}, but /metrics answers on {ServiceContract.ManagementPort} only");

        // Service.
        if (service is not null)
        {
            var svcSelector = Node.StringMap(service.Tree, "spec", "selector");
            problems.Require(svcSelector.Count > 0 && IsSubset(svcSelector, podLabels), $"{service}: spec.selector does not select the Deployment's pods");
            var ports = Node.Maps(service.Tree, "spec", "ports").ToList();
            problems.Require(ports.Count > 0, $"{service}: no ports");
            foreach (var p in ports)
            {
                var target = Node.At(p, "targetPort") ?? Node.At(p, "port");
                problems.Require(ResolvePort(target) == apiPort, $"{service}: port {Node.Str(p, "name")} targets '{Node.Str(target)}', not the container port {apiPort}");
            }
        }

        // HorizontalPodAutoscaler.
        var minReplicas = Node.Int(hpa?.Tree, "spec", "minReplicas") ?? 1;
        if (hpa is not null)
        {
            problems.Require(hpa.ApiVersion == "autoscaling/v2", $"{hpa}: apiVersion must be autoscaling/v2");
            problems.Require(Node.Str(hpa.Tree, "spec", "scaleTargetRef", "kind") == "Deployment" &&
                             Node.Str(hpa.Tree, "spec", "scaleTargetRef", "name") == deployment.Name &&
                             Node.Str(hpa.Tree, "spec", "scaleTargetRef", "apiVersion") == "apps/v1",
                $"{hpa}: scaleTargetRef must be apps/v1 Deployment {deployment.Name}");
            problems.Require(minReplicas >= 2, $"{hpa}: minReplicas must be at least 2");
            problems.Require(Node.Int(hpa.Tree, "spec", "maxReplicas") is { } max && max >= minReplicas, $"{hpa}: maxReplicas must be >= minReplicas");
            problems.Require(Node.Maps(hpa.Tree, "spec", "metrics").Any(m => Node.Str(m, "type") == "Resource" && Node.Str(m, "resource", "name") == "cpu"),
                $"{hpa}: no CPU resource metric");
            problems.Require(Containers(dep).All(c => Node.Str(c, "resources", "requests", "cpu") is not null), $"{hpa}: CPU utilization needs CPU requests on every container");
        }

        // PodDisruptionBudget.
        if (pdb is not null)
        {
            var pdbSelector = Node.StringMap(pdb.Tree, "spec", "selector", "matchLabels");
            var minAvailable = Node.Int(pdb.Tree, "spec", "minAvailable");
            problems.Require(pdb.ApiVersion == "policy/v1", $"{pdb}: apiVersion must be policy/v1");
            problems.Require(pdbSelector.Count > 0 && IsSubset(pdbSelector, podLabels), $"{pdb}: selector does not match the Deployment's pod labels");
            problems.Require(minAvailable == 1, $"{pdb}: minAvailable must be 1");
            problems.Require(minAvailable < Math.Min(Node.Int(dep, "spec", "replicas") ?? 1, minReplicas), $"{pdb}: minAvailable leaves no pod evictable (drains would block)");
        }

        // ConfigMap and Secret.
        var config = Node.StringMap(configMap?.Tree, "data");
        var secretData = Node.StringMap(secret?.Tree, "stringData");
        foreach (var (doc, key) in config.Keys.Select(k => (configMap, k)).Concat(secretData.Keys.Select(k => (secret, k))))
        {
            problems.Require(ServiceContract.IsKnownAlertingKey(key), $"{doc}: {key} is not a setting the service reads (AlertingOptions)");
        }
        if (configMap is not null)
        {
            var transport = config.GetValueOrDefault("Alerting__Transport") ?? "Local";
            problems.Require(ServiceContract.Transports.Contains(transport), $"{configMap}: Alerting__Transport '{transport}' is not one of {string.Join(", ", ServiceContract.Transports)}");
            if (ServiceContract.TransportSetting.TryGetValue(transport, out var setting))
            {
                problems.Require(config.ContainsKey(setting) || secretData.ContainsKey(setting), $"{configMap}: Alerting__Transport={transport} needs {setting} in the ConfigMap or Secret");
            }

            foreach (var key in config.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.EndsWith("__key", StringComparison.Ordinal) || k.Contains("Password", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{configMap}: {key} is secret material; it belongs in the Secret");
            }

            if (config.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") is { } p)
                problems.Require(p == apiPort.ToString(), $"{configMap}: ASPNETCORE_HTTP_PORTS={p}, but the container port is {apiPort}");
            if (config.GetValueOrDefault("ASPNETCORE_URLS") is { } urls)
                problems.Require(DockerfileChecks.ListensOn(urls, apiPort) && DockerfileChecks.ListensOn(urls, ServiceContract.ManagementPort),
                    $"{configMap}: ASPNETCORE_URLS={urls} must listen on {apiPort} and {ServiceContract.ManagementPort}");
            problems.Require(config.GetValueOrDefault("Management__Port") == ServiceContract.ManagementPort.ToString(),
                $"{configMap}: Management__Port must be {ServiceContract.ManagementPort}");
            problems.Require(config.GetValueOrDefault("Samples__LoadOnEmptyStore") == "false", $"{configMap}: Samples__LoadOnEmptyStore must be \"false\" (no demo data in production)");
            problems.Require(!config.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"),
                $"{configMap}: ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every client's X-Forwarded-For; name the ingress in ForwardedHeaders__KnownNetworks__0");
            problems.Require(config.Keys.Any(k => k.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal) || k.StartsWith("ForwardedHeaders__KnownProxies__", StringComparison.Ordinal)),
                $"{configMap}: no ForwardedHeaders__KnownNetworks__0/KnownProxies__0: behind an ingress every client would share its address");
            if (config.GetValueOrDefault("OTEL_SERVICE_NAME") is { } otel)
                problems.Require(otel == ServiceContract.ServiceName, $"{configMap}: OTEL_SERVICE_NAME must be {ServiceContract.ServiceName}");
        }

        if (secret is not null)
        {
            problems.Require(Node.At(secret.Tree, "data") is null, $"{secret}: use stringData placeholders, not base64 data");
            problems.Require(secretData.ContainsKey("ConnectionStrings__Marten"), $"{secret}: no ConnectionStrings__Marten");
            problems.Require(secretData.ContainsKey("Security__ApiKeys__0__key"), $"{secret}: no Security__ApiKeys__0__key");
            foreach (var (key, value) in secretData)
            {
                if (key.EndsWith("__key", StringComparison.Ordinal))
                    problems.Require(value.Contains(PlaceholderMarker), $"{secret}: {key} must be a {PlaceholderMarker} placeholder, never a real key");
                var password = ComposeChecks.ConnectionString(value).GetValueOrDefault("password");
                if (value.Contains('=') && value.Contains(';') && password is not null)
                    problems.Require(password.Contains(PlaceholderMarker), $"{secret}: {key} password must be a {PlaceholderMarker} placeholder");
                if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':'))
                    problems.Require(uri.UserInfo.Split(':', 2)[1].Contains(PlaceholderMarker), $"{secret}: {key} URI password must be a {PlaceholderMarker} placeholder");
            }
        }

        return problems;
    }

    private static void CheckPodHardening(K8sDoc doc, Dictionary<string, object?> workload, Dictionary<string, object?> container, Problems problems)
    {
        var pod = Node.At(workload, "spec", "template", "spec");
        problems.Require(Node.Bool(pod, "securityContext", "runAsNonRoot") == true || Node.Bool(container, "securityContext", "runAsNonRoot") == true,
            $"{doc}: runAsNonRoot must be true");
        foreach (var uid in new[] { Node.Int(pod, "securityContext", "runAsUser"), Node.Int(container, "securityContext", "runAsUser") })
        {
            problems.Require(uid is null or > 0, $"{doc}: runAsUser 0 is root");
        }

        problems.Require(Node.Bool(container, "securityContext", "readOnlyRootFilesystem") == true, $"{doc}: readOnlyRootFilesystem must be true");
        problems.Require(Node.Bool(container, "securityContext", "allowPrivilegeEscalation") == false, $"{doc}: allowPrivilegeEscalation must be false");
        problems.Require(Node.Strings(container, "securityContext", "capabilities", "drop").Contains("ALL"), $"{doc}: capabilities must drop ALL");
        foreach (var (section, key) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
        {
            problems.Require(Node.Str(container, "resources", section, key) is not null, $"{doc}: resources.{section}.{key} is not set");
        }

        // The only writable path: /tmp on an emptyDir.
        var tmp = Node.Maps(container, "volumeMounts").FirstOrDefault(m => Node.Str(m, "mountPath") == "/tmp");
        var volume = tmp is null ? null : Node.Maps(pod, "volumes").FirstOrDefault(v => Node.Str(v, "name") == Node.Str(tmp, "name"));
        problems.Require(volume is not null && volume.ContainsKey("emptyDir"), $"{doc}: /tmp must be an emptyDir volume (the root filesystem is read-only)");
    }

    private static (HashSet<string> ConfigMaps, HashSet<string> Secrets) EnvFrom(Dictionary<string, object?> container)
    {
        var refs = Node.Maps(container, "envFrom").ToList();
        return (refs.Select(r => Node.Str(r, "configMapRef", "name")).OfType<string>().ToHashSet(),
                refs.Select(r => Node.Str(r, "secretRef", "name")).OfType<string>().ToHashSet());
    }

    private static bool IsSubset(IReadOnlyDictionary<string, string> subset, IReadOnlyDictionary<string, string> of) =>
        subset.All(kv => of.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
