using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationForecast.Api.Http.OpenApi;

/// <summary>
/// Completes each operation from its endpoint: the description from the XML docs of the handler's type (the use case's
/// file), the parameters it parses itself (<see cref="ApiParameter"/> metadata) with their types, ranges and
/// defaults, and a string schema for every <c>text/csv</c> answer.
/// </summary>
public sealed class OperationDocs : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.DeclaringType is { } handler
            && XmlDocs.Summary(handler) is { } description)
        {
            operation.Description = description;
        }
        foreach (var parameter in metadata.OfType<ApiParameter>())
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == parameter.Name)) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In == "header" ? ParameterLocation.Header : ParameterLocation.Query,
                Description = parameter.Description,
                Schema = Schema(parameter),
            });
        }
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            if (response.Content?.TryGetValue(Csv.MediaType, out var csv) == true && csv is OpenApiMediaType media)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV with a header row" };
            }
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema(ApiParameter p) => new()
    {
        Type = p.Type switch { "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
        Format = p.Format,
        Minimum = p.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = p.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Pattern = p.Pattern,
        Default = p.Default switch { null => null, int i => JsonValue.Create(i), long l => JsonValue.Create(l), var v => JsonValue.Create(v.ToString()) },
    };
}
