namespace EscalationForecast.Api.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding <c>EscalationForecast.sln</c>, above the test's output.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string ApiSource => Path.Combine(Root, "src", "EscalationForecast.Api");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EscalationForecast.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (EscalationForecast.sln) is not above the test's folder.");
    }
}
