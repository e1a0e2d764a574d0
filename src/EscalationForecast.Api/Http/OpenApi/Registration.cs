namespace EscalationForecast.Api.Http.OpenApi;

public static class Registration
{
    /// <summary>The OpenAPI document (<c>/openapi/v1.json</c>), completed by <see cref="ValueSchemas"/>, <see cref="OperationDocs"/> and <see cref="DocumentDocs"/>.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddSchemaTransformer<ValueSchemas>();
        options.AddOperationTransformer<OperationDocs>();
        options.AddDocumentTransformer<DocumentDocs>();
    });
}
