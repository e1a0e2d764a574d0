using Microsoft.Net.Http.Headers;

namespace EscalationForecast.Api.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: static ES modules, styles and the vendored charting library from <c>wwwroot/</c>,
/// served from our own origin so it works offline and under the strict content security policy. It reads only
/// the public API. Assets are revalidated on every load (<c>no-cache</c> with ETag/Last-Modified), so a deploy
/// is picked up at the next reload without stale modules mixing with new ones.
/// </summary>
public static class Configuration
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
