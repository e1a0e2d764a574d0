using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationForecast.Analyst.Tests.Infrastructure;
using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Analyst.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> of the running service: valid for an independent validator (swagger-parser, run by node),
/// complete (every operation with its id, summary, parameters, schemas, problem answers and security), and usable: a
/// client generated from it by Kiota compiles and reads a theater's risk.
/// </summary>
public sealed partial class OpenApiDocumentTests(AnalystService service)
{
    private static readonly string Validator = Path.Combine(Repository.Root, "tests", "EscalationForecast.OpenApiValidator");
    private static readonly string Probe = Path.Combine(Repository.Root, "tests", "EscalationForecast.KiotaProbe");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Path, JsonNode Document)> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        var text = await http.GetStringAsync("/openapi/v1.json", Ct);
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", $"v1-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, Ct);
        return (path, JsonNode.Parse(text)!);
    }

    private static async Task<(int Exit, string Log)> ValidateAsync(string document)
    {
        if (!Directory.Exists(Path.Combine(Validator, "node_modules")))
        {
            var (installed, log) = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Validator, new Dictionary<string, string>(), TimeSpan.FromMinutes(5), Ct);
            Assert.True(installed == 0, $"npm ci:\n{log}");
        }
        return await ChildProcess.RunAsync("node", ["validate.mjs", document], Validator, new Dictionary<string, string>(), TimeSpan.FromMinutes(2), Ct);
    }

    [Fact]
    public async Task The_document_is_valid_for_an_independent_validator_which_refuses_a_broken_one()
    {
        var (path, document) = await DocumentAsync();
        var (exit, log) = await ValidateAsync(path);
        Assert.True(exit == 0, log);
        Assert.Matches(@"valid: EscalationForecast API \(OpenAPI 3\.1\.\d\), \d+ paths, \d+ operations", log);

        document["paths"]!["/api/v1/theaters/{theaterId}/risk"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"] =
            new JsonObject { ["$ref"] = "#/components/schemas/NoSuchSchema" };
        var broken = path.Replace(".json", "-broken.json");
        await File.WriteAllTextAsync(broken, document.ToJsonString(), Ct);
        var (refused, why) = await ValidateAsync(broken);
        Assert.Equal(1, refused);
        Assert.Contains("NoSuchSchema", why);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_its_parameters_schemas_problems_and_the_key()
    {
        var (_, document) = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", (string)schemes["apiKey"]!["type"]!);
        Assert.Equal("X-Api-Key", (string)schemes["apiKey"]!["name"]!);
        Assert.Equal("bearer", (string)schemes["bearer"]!["scheme"]!);
        var ids = new HashSet<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, node) in item!.AsObject())
        {
            var operation = node!.AsObject();
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.True(ids.Add((string)operation["operationId"]!), $"{name}: a unique operationId");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{name}: a summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{name}: a description from the XML docs");
            Assert.NotEmpty(operation["security"]!.AsArray());
            var responses = operation["responses"]!.AsObject();
            foreach (var status in new[] { "400", "401", "403", "429", "500" })
                Assert.True(responses[status]?["content"]?["application/problem+json"]?["schema"] is not null, $"{name}: a {status} problem");
            var success = responses.First(r => r.Key[0] == '2');
            if (success.Key is "200" or "201")
                Assert.True(success.Value!["content"]?.AsObject().All(c => c.Value!["schema"] is not null) == true, $"{name}: a schema for {success.Key}");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                Assert.True(parameter!["schema"]?["type"] is not null, $"{name}: a type for '{parameter["name"]}'");
        }
        Assert.True(ids.Count >= 18, $"{ids.Count} operations");

        var risk = document["paths"]!["/api/v1/theaters/{theaterId}/risk"]!["get"]!;
        var horizon = risk["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "horizonDays")!["schema"]!;
        Assert.Equal((1, 90, 7), ((int)horizon["minimum"]!, (int)horizon["maximum"]!, (int)horizon["default"]!));
        Assert.NotNull(risk["responses"]!["304"]);
        Assert.NotNull(risk["responses"]!["422"]!["content"]!["application/problem+json"]);
        Assert.NotNull(document["paths"]!["/api/v1/events"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(document["paths"]!["/api/v1/events"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]);
        Assert.NotNull(document["paths"]!["/api/v1/alerts/stream"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]);
        Assert.Equal("string", (string)document["components"]!["schemas"]!["RiskDocument"]!["properties"]!["asOf"]!["type"]!);
        // The request fields of scheduled events and uncertain attribution, and what the drivers answer about them.
        var schemas = document["components"]!["schemas"]!;
        var posted = schemas["PostedEvent"]!["properties"]!.AsObject();
        foreach (var field in new[] { "attribution", "claimedBy", "deniedBy", "family", "daysBefore", "daysAfter", "recursYearly", "announcedAt", "scheduledEventId" })
            Assert.True(posted.ContainsKey(field), $"PostedEvent.{field}");
        Assert.Contains("scheduled-event-cancelled", (string)posted["type"]!["description"]!);
        Assert.Contains("365", (string)posted["daysBefore"]!["description"]!);
        var share = schemas["PostedAttribution"]!["properties"]!.AsObject();
        Assert.Equal(["channel", "probability"], share.Select(p => p.Key).Order());
        var driver = schemas["RiskDriver"]!["properties"]!.AsObject();
        foreach (var field in new[] { "family", "date", "daysUntil", "peakMultiplier", "standardError", "attribution", "channel" })
            Assert.True(driver.ContainsKey(field), $"RiskDriver.{field}");
    }

    [Fact]
    public async Task A_client_generated_by_kiota_compiles_and_reads_a_theaters_risk()
    {
        var (path, _) = await DocumentAsync();
        var output = Path.Combine(AppContext.BaseDirectory, "kiota", Guid.NewGuid().ToString("N"));
        var offline = new Dictionary<string, string> { ["KIOTA_OFFLINE_ENABLED"] = "true", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        await Succeed("dotnet", ["tool", "restore"], Repository.Root, offline, TimeSpan.FromMinutes(5));
        await Succeed("dotnet", ["tool", "run", "kiota", "generate", "-l", "CSharp", "-d", path, "-o", Path.Combine(output, "client"),
            "-c", "ForecastApiClient", "-n", "EscalationForecast.Kiota", "--exclude-backward-compatible", "--log-level", "Warning"],
            Repository.Root, offline, TimeSpan.FromMinutes(5));
        await Succeed("dotnet", ["build", Probe, $"-p:KiotaClient={Path.Combine(output, "client")}", "-o", Path.Combine(output, "bin"),
            "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:minimal"], Repository.Root, offline, TimeSpan.FromMinutes(8));
        var log = await Succeed("dotnet", [Path.Combine(output, "bin", "EscalationForecast.KiotaProbe.dll"), "iraq-us-militia", "2020-11-18"],
            output, new Dictionary<string, string>(service.Environment), TimeSpan.FromMinutes(2));

        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", AnalystService.ReadKey);
        var risk = (await http.GetFromJsonAsync<JsonNode>("/api/v1/theaters/iraq-us-militia/risk?asOf=2020-11-18&horizonDays=7&atLeast=1,3", Ct))!;
        var line = RiskLine().Match(log);
        Assert.True(line.Success, log);
        Assert.Equal((double)risk["probabilityAtLeastOne"]!, double.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((double)risk["probabilityAtLeast"]!["3"]!, double.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((string)risk["riskLevel"]!, line.Groups[3].Value);
        Assert.True(int.Parse(TheatersLine().Match(log).Groups[1].Value) >= AnalystService.SampleTheaters.Length, log);
        Assert.Contains("problem: 404 There is no theater 'no-such-theater'", log);
    }

    private static async Task<string> Succeed(string file, string[] arguments, string directory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var (exit, log) = await ChildProcess.RunAsync(file, arguments, directory, environment, timeout, Ct);
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)} exited {exit}:\n{log}");
        return log;
    }

    [GeneratedRegex(@"theaters: (\d+)")] private static partial Regex TheatersLine();
    [GeneratedRegex(@"risk: iraq-us-militia asOf=2020-11-18 p1=([0-9.]+) p3=([0-9.]+) level=(\w+) drivers=\d+")] private static partial Regex RiskLine();
}
