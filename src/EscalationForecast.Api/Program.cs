using EscalationForecast.Api.Admin.Replay;
using EscalationForecast.Api.Alerts;
using EscalationForecast.Api.Dashboard;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Events.Reading;
using EscalationForecast.Api.Health;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Operations;
using EscalationForecast.Api.Operations.Startup;
using EscalationForecast.Api.Samples.Loading;
using EscalationForecast.Api.Storage;
using EscalationForecast.Api.Theaters;
using EscalationForecast.Api.Theaters.Describing;
using EscalationForecast.Api.Theaters.Listing;
using EscalationForecast.Api.Theaters.Series;
using EscalationForecast.Api.Http;
using EscalationForecast.Api.Models;
using EscalationForecast.Api.Models.Reading;
using EscalationForecast.Api.Theaters.Backtest;
using EscalationForecast.Api.Theaters.Risk;
using JasperFx;
using JasperFx.Core;
using JasperFx.Events;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.ErrorHandling;

var builder = WebApplication.CreateBuilder(args);

// Storage: a configured PostgreSQL, or the embedded local cluster; Marten's event store on top.
var connectionString = await builder.UsePostgresAsync();
builder.AddEventStore(connectionString);

// Messaging: Wolverine on the same PostgreSQL, transactional around Marten; handler code pre-generated in Release.
builder.AddPreGeneratedCode();
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly; // generated code lives here, whichever host a test process starts first
    opts.Discovery.DisableConventionalDiscovery(); // each feature names its handlers (ASP.NET's auth "handlers" are not messages)
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated; // features handling one message each get their own queue and transaction
    opts.OnException<EventStreamUnexpectedMaxEventIdException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());
});

// The Hawkes models: refitted off the request path, recorded as events; live and time-travel risk answers.
builder.AddRiskModels();

// Alerting: threshold rules, breaches and clearances as events, signed webhooks through the outbox, a live stream.
builder.AddAlerting();

// Operations: OpenTelemetry (OTLP, /metrics), API keys and scopes, rate limits.
builder.AddOperations();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReplayJob>();
builder.Services.AddSingleton<EventIntake>();
builder.Services.AddSingleton<TheaterHistories>();
builder.Services.AddHostedService<SampleLoader>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddApiJson();
builder.Services.AddHealth();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Ingestion:MaxRequestBytes", 16 << 20));

var app = builder.Build();
app.UseOperations();
app.UseDashboard(); // the dashboard at / (static assets in wwwroot)

app.MapPost("/api/v1/events", PostEvents.Handle).WithTags("Events");
app.MapGet("/api/v1/events", GetEvents.Handle).WithTags("Events");
app.MapGet("/api/v1/theaters", GetTheaters.Handle).WithTags("Theaters");
app.MapPut("/api/v1/theaters/{theaterId}", PutTheater.Handle).WithTags("Theaters");
app.MapGet("/api/v1/theaters/{theaterId}/series", GetSeries.Handle).WithTags("Theaters");
app.MapGet("/api/v1/theaters/{theaterId}/risk", GetRisk.Handle).WithTags("Risk");
app.MapGet("/api/v1/theaters/{theaterId}/model", GetModel.Handle).WithTags("Risk");
app.MapGet("/api/v1/theaters/{theaterId}/backtest", GetBacktest.Handle).WithTags("Risk");
app.MapAlerts();
app.MapPost("/api/v1/admin/replay", ReplayEndpoints.Start).WithTags("Admin");
app.MapGet("/api/v1/admin/replay", ReplayEndpoints.Status).WithTags("Admin");
app.MapHealth();
app.MapOpenApi();
app.MapScalarApiReference("/api-reference");

return await app.RunJasperFxCommands(args);

public partial class Program;
