using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationForecast.Api.Http;

public static class JsonConfiguration
{
    /// <summary>
    /// The API's JSON: camelCase, instants in UTC with a <c>Z</c> as the spec writes them. A body read into a request
    /// record may name each of its fields once and no others: a repeated key or a misspelt field is refused, not
    /// silently resolved or dropped.
    /// </summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            Apply(o.SerializerOptions);
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new UtcInstantConverter());
        return options;
    }
}

/// <summary>Writes every <see cref="DateTimeOffset"/> as UTC, <c>2020-12-20T18:00:00Z</c>.</summary>
public sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
