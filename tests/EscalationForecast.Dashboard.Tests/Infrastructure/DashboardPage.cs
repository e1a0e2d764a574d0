using Microsoft.Playwright;

namespace EscalationForecast.Dashboard.Tests.Infrastructure;

/// <summary>
/// A fresh browser page on the dashboard that records every console error and uncaught exception, and saves
/// screenshots under the test output's <c>screenshots/</c> folder (the CI artifacts).
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public IPage Page { get; }
    public IReadOnlyList<string> Errors => _errors;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _errors.Add($"uncaught: {error}");
    }

    public static async Task<DashboardPage> OpenAsync(Browser browser, DashboardService service, string hash = "#/")
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync($"/{hash}");
        return dashboard;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public void AssertNoErrors() => Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join("\n", _errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
