using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationForecast.Api.Http.OpenApi;

/// <summary>
/// What every operation under <c>/api/</c> shares, added once for the whole document: the API-key security schemes
/// (<c>X-Api-Key</c>, or <c>Authorization: Bearer</c>; required where <c>Security:ApiKeys</c> is configured) and the
/// problem answers (RFC 9457, <c>application/problem+json</c>): <c>400</c> for a bad parameter or body, <c>401</c>,
/// <c>403</c>, <c>429</c> (with <c>Retry-After</c>) and <c>500</c>; and the document's title and description.
/// </summary>
public sealed class DocumentDocs : IOpenApiDocumentTransformer
{
    public const string ApiKey = "apiKey", Bearer = "bearer", Problem = "ProblemDetails";

    private static readonly (string Status, string Description)[] Shared =
    [
        ("400", "A parameter or the body is invalid: the problem's `detail` names it and the fix."),
        ("401", "No API key, or a wrong one, where keys are configured."),
        ("403", "The key lacks the scope (read, write, admin), or a write came from elsewhere than loopback with no keys configured."),
        ("429", "Over a rate limit: retry after `Retry-After` seconds."),
        ("500", "A server error: the problem carries a `traceId` and no internals."),
    ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "EscalationForecast API";
        document.Info.Description = "Hawkes-process forecasts of escalation per theater: events in, risk, series, models and backtests out, " +
            "each read \"as of\" and \"as known at\" any past time. Every error is application/problem+json.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "A key from Security:ApiKeys; reads need the read scope, writes write, /api/v1/admin/* admin.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The same key as `Authorization: Bearer <key>`.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(Problem))
        {
            document.Components.Schemas[Problem] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        }
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security = [Requirement(document, ApiKey), Requirement(document, Bearer)];
                operation.Responses ??= new OpenApiResponses();
                foreach (var (status, description) in Shared)
                {
                    operation.Responses.TryAdd(status, ProblemResponse(document, description));
                }
                // An endpoint's own ProducesProblem answers get the shared schema reference and a description too.
                foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToArray())
                {
                    if (response is OpenApiResponse { Content: { } content } own && content.ContainsKey("application/problem+json"))
                    {
                        own.Content!["application/problem+json"].Schema = new OpenApiSchemaReference(Problem, document);
                        if (string.IsNullOrEmpty(own.Description) || own.Description == "Bad Request") own.Description = Shared.FirstOrDefault(s => s.Status == status).Description ?? own.Description;
                    }
                }
            }
        }
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
        },
    };
}
