using EscalationForecast.Api.Samples.Loading;

namespace EscalationForecast.Api.Samples;

public static class Configuration
{
    /// <summary>The shipped sample data, loaded through the intake on the first start of an empty store (<c>Samples:LoadOnEmptyStore</c>).</summary>
    public static WebApplicationBuilder AddSamples(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SampleLoader>();
        return builder;
    }
}
