using JasperFx;
using JasperFx.CodeGeneration;

namespace EscalationForecast.Api.Operations.Startup;

public static class Configuration
{
    /// <summary>
    /// A Release build loads Wolverine's handler code pre-generated into <c>Internal/Generated</c> (compiled into
    /// this assembly) and never runs the compiler at start; a Debug build generates it at run time, so tests and
    /// development keep working while handlers change. Regenerate after changing handlers, from the project folder:
    /// <c>dotnet run -- codegen write</c> (the test <c>GeneratedCodeTests</c> fails while the committed code is stale).
    /// </summary>
    public static WebApplicationBuilder AddPreGeneratedCode(this WebApplicationBuilder builder)
    {
        builder.Services.CritterStackDefaults(x =>
        {
            x.Production.GeneratedCodeMode = Mode;
            x.Development.GeneratedCodeMode = Mode;
            x.Production.SourceCodeWritingEnabled = false;
            x.Development.SourceCodeWritingEnabled = false;
        });
        return builder;
    }

#if DEBUG
    public const TypeLoadMode Mode = TypeLoadMode.Dynamic;
#else
    public const TypeLoadMode Mode = TypeLoadMode.Static;
#endif
}
