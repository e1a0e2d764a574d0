using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>
/// Reads the key from <c>X-Api-Key</c>, or else from <c>Authorization: Bearer &lt;key&gt;</c>. No key: no
/// identity (<see cref="AccessControl"/> decides whether that is enough). A wrong key fails without saying why.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Configured || Presented(Request) is not { Length: > 0 } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!keys.TryMatch(presented, out var index, out var scopes))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        // The identity names the key by its position in the configuration, never by its value.
        var claims = scopes.Select(s => new Claim(Scopes.ClaimType, s)).Append(new Claim(ClaimTypes.Name, $"api-key-{index}"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>Whether the request carries a key at all (right or wrong).</summary>
    public static bool KeyPresented(HttpRequest request) => Presented(request) is { Length: > 0 };

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header))
        {
            return header.ToString().Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
