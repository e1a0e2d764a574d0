using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Tests.Infrastructure;
using JasperFx.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Tracking;

namespace EscalationForecast.Api.Tests.Alerts;

/// <summary>
/// The service with alerting tuned for tests: webhooks allowed to 127.0.0.1 (where the receivers run), short
/// retry delays, a 2 s re-evaluation clock, a 1 s SSE heartbeat, and Wolverine polling its scheduled messages
/// (the retries) every 100 ms instead of every 5 s.
/// </summary>
public class AlertingFixture : ServiceFixture
{
    public static void AlertSettings(IDictionary<string, string?> settings)
    {
        settings["Alerting:AllowedWebhookHosts:0"] = "127.0.0.1";
        settings["Alerting:RetryBaseSeconds"] = "0.2";
        settings["Alerting:RetryMaxSeconds"] = "1";
        settings["Alerting:MaxAttempts"] = "4";
        settings["Alerting:TimeoutSeconds"] = "2";
        settings["Alerting:ReevaluateSeconds"] = "2";
        settings["Alerting:HeartbeatSeconds"] = "1";
        settings["Alerting:StreamPollMilliseconds"] = "100";
    }

    public static void FastScheduling(IServiceCollection services) => services.ConfigureWolverine(opts =>
    {
        opts.Durability.ScheduledJobFirstExecution = 100.Milliseconds();
        opts.Durability.ScheduledJobPollingTime = 100.Milliseconds();
    });

    protected override void Configure(IDictionary<string, string?> settings) => AlertSettings(settings);

    protected override void ConfigureServices(IServiceCollection services) => FastScheduling(services);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyntheticTheater? _shared;

    /// <summary>A theater with a fitted model, shared by the tests of a class that only need "some risk".</summary>
    public async Task<string> SharedTheaterAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _shared ??= await Alerting.NewTheaterWithModelAsync(Host, "shared");
            return _shared.TheaterId;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Steps the alerting tests share.</summary>
public static class Alerting
{
    public const string Secret = "test-secret-0123456789abcdef";

    /// <summary>A synthetic self-exciting history over the 120 days before today, posted and fitted.</summary>
    public static async Task<SyntheticTheater> NewTheaterWithModelAsync(IAlbaHost host, string name)
    {
        var theater = new SyntheticTheater(ServiceFixture.NewTheater(name), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120), 120);
        var (status, body, _) = await host.PostEventsAsync([.. theater.Events()]);
        Assert.True(status == 200, body?.ToJsonString());
        await WaitForModelAsync(host.Server.CreateClient(), theater.TheaterId);
        return theater;
    }

    public static Task WaitForModelAsync(HttpClient client, string theaterId) => Eventually.UntilAsync(async () =>
    {
        using var response = await client.GetAsync($"/api/v1/theaters/{theaterId}/model");
        return response.IsSuccessStatusCode;
    }, TimeSpan.FromSeconds(60), $"a model for {theaterId}");

    public static async Task<JsonNode> RiskAsync(HttpClient client, string theaterId, int horizonDays = 7) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/theaters/{theaterId}/risk?horizonDays={horizonDays}"))!;

    /// <summary>Creates a rule and answers its id.</summary>
    public static async Task<string> CreateRuleAsync(HttpClient client, object rule)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/alert-rules", rule);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(201 == (int)response.StatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    /// <summary>A rule that breaches at once on any theater with a model: P(N ≥ 1) ≥ 1%.</summary>
    public static object BreachingRule(string theaterId, string webhookUrl) => new
    {
        theaterId, metric = "probabilityAtLeastOne", horizonDays = 7, threshold = 0.01, webhookUrl, secret = Secret,
    };

    public static async Task<JsonNode[]> AlertsAsync(HttpClient client, string query = "")
    {
        var all = new List<JsonNode>();
        long? after = 0;
        while (after is { } a)
        {
            var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/alerts?afterSequence={a}&limit=1000{query}"))!;
            all.AddRange(page["items"]!.AsArray().Select(i => i!));
            after = page["next"]?.GetValue<long?>();
        }
        return [.. all];
    }

    /// <summary>
    /// Whether the alert's delivery is over for good: marked delivered, which is final, and no attempt at it left in
    /// Wolverine's durable inbox (scheduled or waiting), so nothing can call its receiver for it again.
    /// </summary>
    public static async Task<bool> DeliveredForGoodAsync(IHost host, string alertId)
    {
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            if (await session.LoadAsync<AlertDelivery>(alertId, TestContext.Current.CancellationToken) is not { Status: DeliveryStatus.Delivered }) return false;
        }
        var inbox = await host.GetRuntime().Storage.Admin.AllIncomingAsync();
        return !inbox.Any(e => e.Status != EnvelopeStatus.Handled && e.MessageType == typeof(DeliverAlert).FullName
            && JsonSerializer.Deserialize<DeliverAlert>(e.Data!, JsonSerializerOptions.Web)!.AlertId == alertId);
    }

    /// <summary>Waits for the listed alerts of a rule to satisfy the condition (the list lags the store by the daemon's poll).</summary>
    public static Task<JsonNode[]> WaitForAlertsAsync(HttpClient client, string ruleId, Func<JsonNode[], bool> done, TimeSpan timeout) =>
        Eventually.UntilAsync(() => AlertsAsync(client, $"&ruleId={ruleId}"), done, timeout, $"the listed alerts of rule {ruleId}");
}
