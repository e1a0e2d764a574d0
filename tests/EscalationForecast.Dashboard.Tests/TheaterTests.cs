using EscalationForecast.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EscalationForecast.Dashboard.Tests;

public sealed class TheaterTests(DashboardService service, Browser browser)
{
    /// <summary>Pixels of a canvas that are neither transparent nor near-white: an empty frame has only axes and grid.</summary>
    private const string InkedPixels = """
        canvas => {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let inked = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
            if (a > 200 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40 || Math.abs(r - b) > 40)) inked++; // coloured, not grey grid
          }
          return inked;
        }
        """;

    [Fact]
    public async Task The_chart_draws_counts_intensity_and_the_forecast_fan()
    {
        var asOf = DashboardService.Today.AddDays(-125).ToString("yyyy-MM-dd"); // inside the ceasefire
        await using var dashboard = await DashboardPage.OpenAsync(browser, service, $"#/theater/{DashboardService.Front.TheaterId}?asOf={asOf}");
        var page = dashboard.Page;
        var chart = page.Locator($"#theater-chart[data-as-of='{asOf}']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-fan-points", "7");
        Assert.True(int.Parse((await chart.GetAttributeAsync("data-incidents"))!) > 50);
        Assert.True(int.Parse((await chart.GetAttributeAsync("data-intensity-points"))!) > 60);
        var inked = await chart.Locator("canvas").EvaluateAsync<int>(InkedPixels);
        Assert.True(inked > 2_000, $"the chart canvas has only {inked} coloured pixels");

        await Assertions.Expect(page.Locator("#drivers")).ToContainTextAsync("ceasefire");
        await Assertions.Expect(page.Locator("#model")).ToContainTextAsync("branching ratio");
        await Assertions.Expect(page.Locator("#model")).ToContainTextAsync("KS p-value");
        await Assertions.Expect(page.Locator("#residual-chart canvas")).ToBeVisibleAsync();

        var box = (await chart.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f);
        await Assertions.Expect(page.Locator("#hover")).ToContainTextAsync("incidents");
        await dashboard.ScreenshotAsync("theater");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Moving_as_of_changes_the_risk_shown()
    {
        var asOf = DashboardService.Today.AddDays(-20).ToString("yyyy-MM-dd");
        await using var dashboard = await DashboardPage.OpenAsync(browser, service, $"#/theater/{DashboardService.Front.TheaterId}?asOf={asOf}");
        var page = dashboard.Page;
        var risk = page.Locator("#risk");
        await Assertions.Expect(risk).ToHaveAttributeAsync("data-as-of", $"{asOf}T00:00:00Z");
        var before = await risk.GetAttributeAsync("data-expected");

        // Keyboard on the replay slider: PageDown moves asOf back through the history.
        await page.Locator("#asof-range").FocusAsync();
        await page.Keyboard.PressAsync("PageDown");
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(risk).Not.ToHaveAttributeAsync("data-as-of", $"{asOf}T00:00:00Z");
        var movedTo = (await page.Locator("#asof-date").InputValueAsync());
        await Assertions.Expect(risk).ToHaveAttributeAsync("data-as-of", $"{movedTo}T00:00:00Z");
        await Assertions.Expect(page.Locator("#theater-chart")).ToHaveAttributeAsync("data-as-of", movedTo);
        Assert.NotEqual(before, await risk.GetAttributeAsync("data-expected"));
        Assert.Contains($"asOf={movedTo}", page.Url);

        await dashboard.ScreenshotAsync("replay");

        // As known then: every event here was recorded today, so on that earlier date nothing was known yet.
        await page.Locator("#known-then").CheckAsync();
        await Assertions.Expect(page.Locator("#mode")).ToContainTextAsync("as known then");
        await Assertions.Expect(page.Locator("#nothing-known")).ToContainTextAsync($"recorded by {movedTo}");
        Assert.Contains("known=1", page.Url);
        await page.Locator("#known-then").UncheckAsync();
        await Assertions.Expect(risk).ToHaveAttributeAsync("data-expected", new System.Text.RegularExpressions.Regex(@"^\d"));

        await page.Locator("#live").ClickAsync();
        await Assertions.Expect(page.Locator("#mode")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.Locator("#theater-chart")).ToHaveAttributeAsync("data-as-of", "live");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task The_backtest_scores_the_model_against_the_baselines()
    {
        var to = DashboardService.Today.AddDays(-2).ToString("yyyy-MM-dd");
        var from = DashboardService.Today.AddDays(-21).ToString("yyyy-MM-dd");
        await using var dashboard = await DashboardPage.OpenAsync(browser, service,
            $"#/backtest/{DashboardService.City.TheaterId}?horizonDays=7&from={from}&to={to}");
        var page = dashboard.Page;
        var rows = page.Locator("#backtest-scores tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3, new() { Timeout = 120_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Hawkes model");
        await Assertions.Expect(page.Locator("#reliability-chart canvas")).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("backtest");
        dashboard.AssertNoErrors();
    }
}
