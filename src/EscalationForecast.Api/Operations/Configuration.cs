using EscalationForecast.Api.Operations.RateLimiting;
using EscalationForecast.Api.Operations.Security;
using EscalationForecast.Api.Operations.Telemetry;

namespace EscalationForecast.Api.Operations;

/// <summary>Everything an operator runs, watches and trusts: telemetry, API keys, rate limits, security headers.</summary>
public static class Configuration
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System); // the clock every feature reads (tests put their own in its place)
        // A start that fails for a known reason is told in one sentence (Hosting/StartFailures), so the host does not
        // log its stack trace as well; an unknown one still escapes in full.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.AddTelemetry();
        builder.Services.AddKnownProxies(builder.Configuration);
        builder.Services.AddApiKeySecurity(builder.Configuration);
        builder.Services.AddCrossSiteRules(builder.Configuration);
        builder.Services.AddRequestRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The request pipeline's guard rails, in order: forwarded headers from known proxies only (so the client
    /// address is the real one for everything after), security headers on every response, cross-site and rebinding
    /// refusals (and CORS for allowed origins), the API key, rate limits
    /// (after the key is known, before it is checked for scope, so refused floods count too), then access control.
    /// </summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseKnownProxies(app.Configuration);
        app.UseSecurityHeaders();
        app.UseCrossSiteRules(app.Configuration);
        if (app.Services.GetRequiredService<ApiKeys>().Configured)
        {
            app.UseAuthentication(); // no keys, no identities to establish (and no authentication services to run it)
        }
        app.UseRequestRateLimits(app.Configuration);
        app.UseAccessControl();
        app.MapTelemetry();
        return app;
    }
}
