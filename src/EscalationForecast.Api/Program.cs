using EscalationForecast.Api.Alerts;
using EscalationForecast.Api.Dashboard;
using EscalationForecast.Api.Events;
using EscalationForecast.Api.Forecasts;
using EscalationForecast.Api.Health;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Operations;
using EscalationForecast.Api.Operations.Startup;
using EscalationForecast.Api.Samples;
using EscalationForecast.Api.Storage;
using EscalationForecast.Api.Theaters;

var builder = WebApplication.CreateBuilder(args);
try
{
    // Beside the pipeline: PostgreSQL (configured, or the embedded cluster), Marten's event store and Wolverine on it,
    // handler code pre-generated in Release, telemetry, keys and rate limits, the HTTP API's shared parts.
    var connectionString = await builder.UsePostgresAsync();
    await builder.AddEventStoreAsync(connectionString);
    builder.AddPreGeneratedCode();
    builder.AddMessaging();
    builder.AddOperations();
    builder.AddHttpApi();

    // The pipeline, each feature using only those before it: Events -> Theaters -> Forecasts -> Alerts.
    builder.AddEvents();
    builder.AddTheaters();
    builder.AddForecasts();
    builder.AddAlerting();
    builder.AddSamples();
    builder.AddHealth();

    var app = builder.Build();
    app.UseHttpApi();
    app.UseOperations();
    app.UseDashboard();
    app.MapEvents();
    app.MapTheaters();
    app.MapForecasts();
    app.MapAlerts();
    app.MapHealth();
    app.MapApiReference();

    return await app.RunServiceAsync(args);
}
catch (Exception e)
{
    // The embedded PostgreSQL stops with the start; a known failure is one sentence and an exit code, an unknown one shows in full.
    if (await StartFailures.ReportAsync(builder, e) is { } exitCode) return exitCode;
    throw;
}

public partial class Program;
