using System.Globalization;
using System.Threading.RateLimiting;

namespace EscalationForecast.Api.Operations.RateLimiting;

public static class Configuration
{
    /// <summary>
    /// Fixed one-minute windows per API key (<c>RateLimiting:PerKeyPerMinute</c>) and per client address
    /// (<c>RateLimiting:PerAddressPerMinute</c>) over <c>/api/</c>; a request must pass both. Each is off when unset
    /// or 0 (the embedded default sets neither). A refusal is <c>429</c> problem+json with <c>Retry-After</c> in seconds.
    /// Runs after authentication, so the key partition is the verified key (named by position, never by value).
    /// </summary>
    public static IServiceCollection AddRequestRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var (perKey, perAddress) = Limits(configuration);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    perKey > 0 && IsLimited(context) && context.User.Identity is { IsAuthenticated: true, Name: { } key }
                        ? RateLimitPartition.GetFixedWindowLimiter("key:" + key, _ => Window(perKey))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    perAddress > 0 && IsLimited(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(perAddress))
                        : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // problem+json whatever the request accepts (the problem details service refuses text/event-stream).
                await TypedResults.Problem(
                    $"The request rate limit for this API key or client address is used up. Retry after {seconds} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
            };
        });
        return services;
    }

    /// <summary>The rate limiter in the pipeline only where a limit is configured: no limits, no per-request cost.</summary>
    public static IApplicationBuilder UseRequestRateLimits(this IApplicationBuilder app, IConfiguration configuration) =>
        Limits(configuration) is (0, 0) ? app : app.UseRateLimiter();

    private static (int PerKey, int PerAddress) Limits(IConfiguration configuration) =>
        (Math.Max(0, configuration.GetValue<int?>("RateLimiting:PerKeyPerMinute") ?? 0),
         Math.Max(0, configuration.GetValue<int?>("RateLimiting:PerAddressPerMinute") ?? 0));

    /// <summary>Probes, scrapes and documentation stay reachable whatever a client does.</summary>
    private static bool IsLimited(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
