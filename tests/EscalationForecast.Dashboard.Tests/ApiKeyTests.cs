using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationForecast.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EscalationForecast.Dashboard.Tests;

/// <summary>
/// The dashboard behind API keys, in headless Chromium: it asks for a key, keeps it for the tab's session, sends it
/// on every read and on the live alert feed (fetch streaming, which can carry a header where EventSource cannot).
/// </summary>
public sealed class ApiKeyTests(KeyedDashboardService service, Browser browser) : IClassFixture<KeyedDashboardService>
{
    private static readonly string Theater = DashboardService.Quiet.TheaterId;

    [Fact]
    public async Task The_page_asks_for_a_key_and_with_it_shows_the_data_and_the_live_feed()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service);
        var page = dashboard.Page;
        var form = page.Locator("#api-key-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(form).ToContainTextAsync("needs an API key");
        await Assertions.Expect(page.Locator("ol.theaters > li[data-theater-id]")).ToHaveCountAsync(0);

        // A wrong key is refused and said so; the right one is kept for the session and sent as X-Api-Key.
        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#api-key-form button[type=submit]");
        await Assertions.Expect(form).ToContainTextAsync("refused");
        await page.FillAsync("#api-key", KeyedDashboardService.ReaderKey);
        var keyed = page.WaitForRequestAsync(r => r.Url.EndsWith("/api/v1/theaters") && r.Headers.GetValueOrDefault("x-api-key") == KeyedDashboardService.ReaderKey);
        await page.ClickAsync("#api-key-form button[type=submit]");
        await keyed;
        await Assertions.Expect(page.Locator($"ol.theaters > li[data-theater-id='{Theater}']")).ToHaveCountAsync(1);
        await Assertions.Expect(form).ToBeHiddenAsync();
        Assert.Equal(KeyedDashboardService.ReaderKey,
            await page.EvaluateAsync<string>("() => sessionStorage.getItem('escalation-forecast.api-key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length")); // never kept beyond the tab
        Assert.DoesNotContain((await page.Context.CookiesAsync()), c => c.Value.Contains(KeyedDashboardService.ReaderKey));

        // The live feed: a breach raised now reaches the page over the keyed stream.
        await page.GotoAsync("/#/alerts");
        await Assertions.Expect(page.Locator("#feed-status")).ToContainTextAsync("Live");
        using var webhook = Webhook.Start();
        var current = JsonNode.Parse(await service.Http.GetStringAsync($"/api/v1/theaters/{Theater}/risk"))!;
        using (var created = await service.Http.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            theaterId = Theater, metric = "expectedEvents", horizonDays = 7, threshold = Math.Round((double)current["expectedEvents"]! + 2, 3),
            webhookUrl = webhook.Url, secret = "dashboard-key-test-secret",
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var now = DateTimeOffset.UtcNow;
        await service.PostAsync(Enumerable.Range(0, 40).Select(i => (object)new
        {
            id = $"{Theater}-keyed-burst-{i}", type = "incident", theaterId = Theater,
            occurredAt = now.AddMinutes(-90 + 2 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), severity = 3,
        }));
        await Assertions.Expect(page.Locator($"#alert-feed li[data-kind='breached'][data-theater-id='{Theater}']"))
            .ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await dashboard.ScreenshotAsync("alerts-with-key");

        // Before the key, the browser logged the refused reads; nothing else went wrong.
        Assert.True(dashboard.Errors.All(e => e.Contains("401")), string.Join("\n", dashboard.Errors));

        // "Forget key" ends it: the page asks again.
        await page.ClickAsync("#api-key-forget");
        await Assertions.Expect(form).ToBeVisibleAsync();
    }
}

public sealed class AnonymousReadTests(AnonymousReadDashboardService service, Browser browser) : IClassFixture<AnonymousReadDashboardService>
{
    [Fact]
    public async Task With_anonymous_read_the_page_shows_the_data_and_the_feed_without_a_key()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service);
        var page = dashboard.Page;
        await Assertions.Expect(page.Locator($"ol.theaters > li[data-theater-id='{DashboardService.City.TheaterId}']")).ToHaveCountAsync(1);
        await page.GotoAsync("/#/alerts");
        await Assertions.Expect(page.Locator("#feed-status")).ToContainTextAsync("Live");
        await Assertions.Expect(page.Locator("#api-key-form")).ToBeHiddenAsync();
        dashboard.AssertNoErrors();
    }
}
