using System.Diagnostics;
using EscalationForecast.Deploy.Tests.Checks;
using EscalationForecast.Deploy.Tests.Infrastructure;

namespace EscalationForecast.Deploy.Tests;

/// <summary>
/// When kubectl (or kustomize) is on PATH, render the base and every overlay the way
/// `kubectl apply -k` would and run the resource checks on the rendered output.
/// Skipped, with the reason shown, where neither tool is installed. No cluster is contacted.
/// </summary>
public class KustomizeRenderTests
{
    public static TheoryData<string> Kustomizations() =>
        new(new[] { K8sChecks.BaseDir }.Concat(K8sChecks.OverlayDirs(RepoSnapshot.Load())));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Rendered_kustomization_passes_the_resource_checks(string dir)
    {
        var repo = RepoSnapshot.Load();
        if (FindRenderer() is not var (tool, args))
        {
            Assert.Skip("neither kubectl nor kustomize is on PATH; the file-level checks still ran");
            return;
        }

        var psi = new ProcessStartInfo(tool, [.. args, Path.Combine(repo.Root, dir)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish in 120 s");
        }

        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} {dir} failed: {errors}");

        var problems = new Problems();
        var docs = K8sChecks.Parse(output, $"{dir} (rendered)", problems);
        problems.AddRange(K8sChecks.CheckResources(docs, DockerfileChecks.ExposedPort(repo) ?? ServiceContract.ContainerPort, K8sChecks.OperatorSecret(repo, problems)));

        // The rendered image carries the tag the kustomization sets.
        var image = docs.Where(d => d.Kind == "Deployment").SelectMany(d => K8sChecks.Containers(d.Tree)).Select(c => Node.Str(c, "image")).FirstOrDefault();
        problems.Require(image?.Contains(':') == true, $"{dir}: rendered Deployment image '{image}' has no tag");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in the rendered output:{Environment.NewLine}{problems}");
    }

    private static (string Tool, string[] Args)? FindRenderer()
    {
        foreach (var (name, args) in new[] { ("kubectl", new[] { "kustomize" }), ("kustomize", new[] { "build" }) })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return (candidate, args);
            }
        }

        return null;
    }
}
