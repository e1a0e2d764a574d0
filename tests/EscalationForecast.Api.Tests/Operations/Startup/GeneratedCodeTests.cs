using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationForecast.Api.Tests.Operations.Startup;

/// <summary>
/// A Release build loads Wolverine's handler code from <c>src/EscalationForecast.Api/Internal/Generated</c> and
/// fails to start when it is missing or out of date. This regenerates it into a scratch folder from the
/// service and compares it with the committed files, so a handler change without <c>codegen write</c> fails here.
/// </summary>
public sealed class GeneratedCodeTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public Task The_committed_generated_code_is_what_codegen_write_writes_now() => AssertCommittedCodeIsCurrentAsync(service);

    /// <summary>
    /// Regenerates the handler code from a fresh host configured like <paramref name="service"/>, started as
    /// <c>codegen write</c> starts it, and compares it with the committed files. The running fixture's host is not
    /// used: a handler it has already compiled keeps its code frames, and generating that handler again fails. One
    /// regeneration at a time, and never while a host starts (<see cref="StartupGate"/>): they share the code
    /// generation's process-wide mode.
    /// </summary>
    internal static Task AssertCommittedCodeIsCurrentAsync(ServiceFixture service) =>
        StartupGate.RegeneratingAsync(async () =>
        {
            DynamicCodeBuilder.WithinCodegenCommand = true;
            try
            {
                await using var host = await service.StartForCodeGenerationAsync();
                Regenerate(host.Services);
            }
            finally
            {
                DynamicCodeBuilder.WithinCodegenCommand = false;
            }
        });

    private static void Regenerate(IServiceProvider services)
    {
        var collections = services.GetServices<ICodeFileCollection>().ToArray();
        Assert.NotEmpty(collections);
        var committed = Path.Combine(Repository.ApiSource, "Internal", "Generated");
        var fresh = Directory.CreateTempSubdirectory("ef-codegen-");
        var original = collections.Select(c => c.Rules.GeneratedCodeOutputPath).ToArray();
        try
        {
            foreach (var collection in collections)
            {
                collection.Rules.GeneratedCodeOutputPath = fresh.FullName;
            }
            new DynamicCodeBuilder(services, collections)
            {
                ServiceVariableSource = services.GetService<IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });

            var want = Files(fresh.FullName);
            var have = Files(committed);
            Assert.NotEmpty(want);
            var stale = want.Keys.Union(have.Keys).Where(f => want.GetValueOrDefault(f) != have.GetValueOrDefault(f)).Order().ToArray();
            Assert.True(stale.Length == 0,
                $"The pre-generated code under {committed} is stale ({string.Join(", ", stale)}). Regenerate it: " +
                "cd src/EscalationForecast.Api && rm -rf Internal/Generated && dotnet run -- codegen write");
        }
        finally
        {
            for (var i = 0; i < collections.Length; i++)
            {
                collections[i].Rules.GeneratedCodeOutputPath = original[i];
            }
            fresh.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"))
            : [];
}
