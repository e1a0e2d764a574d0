using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace EscalationForecast.Api.Operations.Security;

/// <summary>The fallback policy's one requirement: the scope <see cref="AccessRules"/> derives for the request.</summary>
public sealed class ScopeRequirement : IAuthorizationRequirement;

public sealed class ScopeAuthorizationHandler(ApiKeys keys) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return Task.CompletedTask;
        }
        var scope = AccessRules.RequiredScope(http.Request);
        var allowed = scope switch
        {
            null => true,
            _ when keys.Configured => context.User.HasClaim(Scopes.ClaimType, scope),
            Scopes.Read => true,
            _ => AccessRules.IsLocal(http), // no keys: writes and admin from loopback only
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Refusals as problem+json: 401 when a key is needed and none (or a wrong one) came, 403 otherwise.</summary>
public sealed class ProblemAuthorizationResultHandler(ApiKeys keys, IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var scope = AccessRules.RequiredScope(context.Request) ?? Scopes.Read;
        var unauthenticated = keys.Configured && context.User.Identity?.IsAuthenticated != true;
        context.Response.StatusCode = unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        string title, detail;
        if (unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer, ApiKey header=\"X-Api-Key\"";
            title = "An API key is required";
            detail = $"Send an API key with the '{scope}' scope in the X-Api-Key header (or as 'Authorization: Bearer <key>'); " +
                     "the key sent, if any, is not valid.";
        }
        else if (keys.Configured)
        {
            title = "The API key lacks a scope";
            detail = $"This request needs the '{scope}' scope, which this API key does not have. Use a key that has it.";
        }
        else
        {
            title = "Local requests only";
            detail = $"No API keys are configured, so {(scope == Scopes.Admin ? "admin requests" : "writes")} are accepted only from loopback. " +
                     "Configure Security:ApiKeys to accept them from elsewhere.";
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
    }
}
