using System.Net;
using EscalationForecast.Client.Http;
using EscalationForecast.Client.Importing;
using EscalationForecast.Client.Presets;
using EscalationForecast.Client.Reading;
using EscalationForecast.Client.Tests.Support;

namespace EscalationForecast.Client.Tests.Importing;

/// <summary>A fresh real HTTP server and a client for it per test, plus a small file to import.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected EventsTestServer Server { get; private set; } = null!;
    protected EscalationForecastClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await EventsTestServer.StartAsync();
        Client = new EscalationForecastClient(Server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Twelve incidents in Baghdad on consecutive days, rows 2..13, ids <c>small:2</c>..<c>small:13</c>.</summary>
    protected static ImportSource Small(string name = "small.csv") => ImportSource.FromText(name,
        "date,longitude,latitude,type\n" + string.Concat(Enumerable.Range(1, 12).Select(d => $"2007-03-{d:00},44.37,33.31,IED\n")),
        ImportPresets.IraqInsurgent);

    protected Task<ImportResult> Import(ImportOptions options, params ImportSource[] sources) =>
        new EventImporter(Client, options).ImportAsync(sources, null, TestContext.Current.CancellationToken);

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so a test sees every report in order.</summary>
    protected sealed class Reports(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
