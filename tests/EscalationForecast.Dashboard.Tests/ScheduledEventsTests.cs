using EscalationForecast.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EscalationForecast.Dashboard.Tests;

/// <summary>
/// A theater with a scheduled round of talks ahead and an incident of uncertain author: the chart marks the date with
/// its ramp, the drivers say how far off it is and what it multiplies by now and on the day, the model lists the
/// family's multiplier, and the incident's driver names its possible authors.
/// </summary>
public sealed class ScheduledEventsTests(DashboardService service, Browser browser)
{
    /// <summary>Pixels of the scheduled-event colour (#b45309, its line and diamond) on a canvas.</summary>
    private const string ScheduledPixels = """
        canvas => {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let n = 0;
          for (let i = 0; i < data.length; i += 4)
            if (data[i + 3] > 200 && Math.abs(data[i] - 180) < 25 && Math.abs(data[i + 1] - 83) < 25 && Math.abs(data[i + 2] - 9) < 25) n++;
          return n;
        }
        """;

    [Fact]
    public async Task A_deadline_ahead_is_marked_with_its_ramp_and_explained_among_the_drivers()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser, service, $"#/theater/{DashboardService.Dyad.TheaterId}");
        var page = dashboard.Page;
        var chart = page.Locator("#theater-chart[data-as-of='live']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-scheduled",
            new System.Text.RegularExpressions.Regex($"deadline:{DashboardService.NextRound:yyyy-MM-dd}"));
        var marked = await chart.Locator("canvas").EvaluateAsync<int>(ScheduledPixels);
        Assert.True(marked > 30, $"{marked} pixels of the scheduled event's marker");

        var deadline = page.Locator("#effect-drivers li[data-kind='scheduled-event']");
        await Assertions.Expect(deadline).ToHaveAttributeAsync("data-days-until", "9");
        await Assertions.Expect(deadline).ToContainTextAsync("deadline: final round in 9 days ×");
        await Assertions.Expect(deadline).ToContainTextAsync($"on {DashboardService.NextRound:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("#model")).ToContainTextAsync("deadline multiplier");
        await Assertions.Expect(page.Locator("#drivers .attribution")).ToContainTextAsync("author uncertain: default 60%, splinter 40%");

        var box = (await chart.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 129 / 134f, box.Y + box.Height * 0.5f); // near the date: the 130th of 135 days
        await Assertions.Expect(page.Locator("#hover")).ToContainTextAsync("deadline: final round");
        await dashboard.ScreenshotAsync("scheduled-event");
        dashboard.AssertNoErrors();
    }
}
