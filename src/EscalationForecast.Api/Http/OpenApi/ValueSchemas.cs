using EscalationForecast.Hawkes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationForecast.Api.Http.OpenApi;

/// <summary>
/// Schemas of the values the API's JSON options write in their own way: instants through <c>UtcInstantConverter</c>
/// (a string, <c>date-time</c>), and doubles, which the generator describes as an object because named literals are
/// allowed. A double is a number (or null where the field is nullable); only a reliability bin's means can be
/// <c>"NaN"</c> (an empty bin), and say so.
/// </summary>
public sealed class ValueSchemas : IOpenApiSchemaTransformer
{
    private static readonly Type[] Doubles = [typeof(double), typeof(float), typeof(decimal)];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = underlying != type ? JsonSchemaType.Null : 0;
        if (underlying == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | nullable;
            schema.Format = "date-time";
        }
        else if (Doubles.Contains(underlying))
        {
            schema.Format = "double";
            if (context.JsonPropertyInfo?.DeclaringType == typeof(ReliabilityBin))
            {
                schema.Type = null;
                schema.AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Number }, new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["NaN"] }];
                schema.Description = "The bin's mean; \"NaN\" for an empty bin.";
            }
            else
            {
                schema.Type = JsonSchemaType.Number | nullable;
                schema.AnyOf = null;
            }
        }
        return Task.CompletedTask;
    }
}
