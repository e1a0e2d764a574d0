using System.Text.Json.Nodes;

namespace EscalationForecast.Api.Tests.Alerts.Rules;

/// <summary>Rules as clients create, list and delete them: never answering their secret, and refusing a bad field by name.</summary>
public sealed class AlertRuleEndpointsTests(AlertingFixture service) : IClassFixture<AlertingFixture>
{
    [Fact]
    public async Task Rules_are_listed_without_their_secret_and_can_be_deleted()
    {
        var client = service.Host.Server.CreateClient();
        var theater = $"no-such-theater-yet-{Guid.NewGuid():N}"[..40];
        var ruleId = await Alerting.CreateRuleAsync(client, new
        {
            theaterId = theater, metric = "score", threshold = 80, webhookUrl = "http://127.0.0.1:9/hook", secret = Alerting.Secret,
        });

        var text = await client.GetStringAsync($"/api/v1/alert-rules?theaterId={theater}");
        Assert.DoesNotContain(Alerting.Secret, text);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        var rule = JsonNode.Parse(text)!["items"]!.AsArray().Single()!;
        Assert.Equal(ruleId, rule["id"]!.GetValue<string>());
        Assert.Equal(7, rule["horizonDays"]!.GetValue<int>());
        Assert.Equal(72, rule["clearBelow"]!.GetValue<double>(), 9);
        Assert.Equal("clear", rule["state"]!.GetValue<string>());

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/v1/alert-rules/{ruleId}")).StatusCode);
        Assert.Equal(404, (int)(await client.DeleteAsync($"/api/v1/alert-rules/{ruleId}")).StatusCode);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync($"/api/v1/alert-rules?theaterId={theater}"))!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("theaterId", """{"theaterId":"Bad Id","metric":"score","threshold":50,"webhookUrl":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}""")]
    [InlineData("metric", """{"theaterId":"t","metric":"risk","threshold":50,"webhookUrl":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}""")]
    [InlineData("horizonDays", """{"theaterId":"t","metric":"score","horizonDays":91,"threshold":50,"webhookUrl":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}""")]
    [InlineData("threshold", """{"theaterId":"t","metric":"probabilityAtLeastOne","threshold":1.5,"webhookUrl":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}""")]
    [InlineData("clearBelow", """{"theaterId":"t","metric":"score","threshold":50,"clearBelow":50,"webhookUrl":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}""")]
    [InlineData("webhookUrl", """{"theaterId":"t","metric":"score","threshold":50,"webhookUrl":"ftp://127.0.0.1/h","secret":"0123456789abcdef"}""")]
    [InlineData("webhookUrl", """{"theaterId":"t","metric":"score","threshold":50,"webhookUrl":"https://elsewhere.example/h","secret":"0123456789abcdef"}""")]
    [InlineData("secret", """{"theaterId":"t","metric":"score","threshold":50,"webhookUrl":"http://127.0.0.1:9/h","secret":"short"}""")]
    public async Task An_invalid_rule_is_a_problem_naming_the_field(string field, string json)
    {
        var client = service.Host.Server.CreateClient();
        using var response = await client.PostAsync("/api/v1/alert-rules", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains($"'{field}'", problem["detail"]!.GetValue<string>());
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
        Assert.DoesNotContain("0123456789abcdef", problem.ToJsonString());
    }
}
