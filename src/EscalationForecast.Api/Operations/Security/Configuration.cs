using Microsoft.AspNetCore.Authentication;

namespace EscalationForecast.Api.Operations.Security;

public static class Configuration
{
    /// <summary>
    /// API keys (<c>Security:ApiKeys</c>) as an authentication scheme; <see cref="AccessControl"/> then derives the
    /// needed scope from method and path, so every endpoint, present or future, is covered.
    /// </summary>
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        var keys = new ApiKeys(options);
        services.AddSingleton(keys);
        services.AddSingleton(options);
        if (keys.Configured)
        {
            // No keys, no identities: without the scheme ASP.NET Core adds no authentication step to the pipeline,
            // and access is decided from the request alone.
            services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        }
        return services;
    }
}
