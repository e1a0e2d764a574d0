using EscalationForecast.Api.Tests.Infrastructure;

namespace EscalationForecast.Dashboard.Tests.Infrastructure;

/// <summary>
/// The service with API keys, as the deploy files run it: a read-only key for the dashboard's user, an admin key
/// for the test's own client, and one theater (the quiet one, which a burst lifts over a rule's threshold).
/// </summary>
public class KeyedDashboardService : DashboardService
{
    public const string ReaderKey = "dashboard-reader-key-0123456789";
    public const string WriterKey = "dashboard-admin-key-0123456789";

    public override string? AdminKey => WriterKey;

    protected override IReadOnlyList<(SyntheticTheater Theater, string Name)> Seed => [(Quiet, "Quiet valley")];

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Security:ApiKeys:0:key"] = ReaderKey;
        settings["Security:ApiKeys:0:scopes:0"] = "read";
        settings["Security:ApiKeys:1:key"] = WriterKey;
        settings["Security:ApiKeys:1:scopes:0"] = "read";
        settings["Security:ApiKeys:1:scopes:1"] = "write";
        settings["Security:ApiKeys:1:scopes:2"] = "admin";
    }
}

/// <summary>Keys configured and <c>Security:AnonymousRead</c> on: the dashboard needs no key to read.</summary>
public sealed class AnonymousReadDashboardService : KeyedDashboardService
{
    protected override IReadOnlyList<(SyntheticTheater Theater, string Name)> Seed => [(City, "Capital city")];

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Security:AnonymousRead"] = "true";
    }
}
