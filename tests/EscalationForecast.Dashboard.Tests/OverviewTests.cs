using System.Text.Json.Nodes;
using EscalationForecast.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EscalationForecast.Dashboard.Tests;

public sealed class OverviewTests(DashboardService service, Browser browser)
{
    [Fact]
    public async Task Lists_every_theater_most_at_risk_first_with_a_sparkline()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service);
        var page = dashboard.Page;
        var cards = page.Locator("ol.theaters > li[data-theater-id]");
        await Assertions.Expect(cards).ToHaveCountAsync(DashboardService.Theaters.Length);
        await Assertions.Expect(page.Locator(".spark[data-points='90']")).ToHaveCountAsync(DashboardService.Theaters.Length);

        var list = JsonNode.Parse(await service.Http.GetStringAsync("/api/v1/theaters"))!["items"]!.AsArray();
        var shown = await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.theaterId)");
        var scores = shown.Select(id => (int)list.Single(t => (string)t!["id"]! == id)!["score"]!).ToArray();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        foreach (var name in new[] { "Northern front", "Capital city", "Quiet valley" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        }
        await Assertions.Expect(cards.First.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(low|moderate|elevated|high|severe)$"));
        await dashboard.ScreenshotAsync("overview");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Stays_current_by_conditional_polling()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service);
        var page = dashboard.Page;
        await Assertions.Expect(page.Locator("ol.theaters > li[data-theater-id]")).ToHaveCountAsync(DashboardService.Theaters.Length);

        // The next poll asks with If-None-Match; unchanged, the server answers 304 and no body.
        var response = await page.WaitForResponseAsync(
            r => r.Url.EndsWith("/api/v1/theaters") && r.Request.Headers.ContainsKey("if-none-match"),
            new() { Timeout = 30_000 });
        Assert.Contains(response.Status, new[] { 200, 304 });
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task A_card_opens_its_theater_and_the_keyboard_reaches_it()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service);
        var page = dashboard.Page;
        var link = page.Locator($"li[data-theater-id='{DashboardService.City.TheaterId}'] a.theater-link");
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/theater/{DashboardService.City.TheaterId}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Capital city", Level = 1 })).ToBeVisibleAsync();
        dashboard.AssertNoErrors();
    }
}
