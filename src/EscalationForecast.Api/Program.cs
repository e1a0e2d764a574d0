using EscalationForecast.Api.Admin.Replay;
using EscalationForecast.Api.Events.Ingesting;
using EscalationForecast.Api.Events.Reading;
using EscalationForecast.Api.Health;
using EscalationForecast.Api.Hosting;
using EscalationForecast.Api.Operations;
using EscalationForecast.Api.Operations.Startup;
using EscalationForecast.Api.Samples.Loading;
using EscalationForecast.Api.Storage;
using EscalationForecast.Api.Theaters.Describing;
using EscalationForecast.Api.Theaters.Listing;
using EscalationForecast.Api.Theaters.Series;
using JasperFx;
using Scalar.AspNetCore;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);

// Storage: a configured PostgreSQL, or the embedded local cluster; Marten's event store on top.
var connectionString = await builder.UsePostgresAsync();
builder.AddEventStore(connectionString);

// Messaging: Wolverine on the same PostgreSQL, transactional around Marten; handler code pre-generated in Release.
builder.AddPreGeneratedCode();
builder.Host.UseWolverine(opts =>
{
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
});

// Operations: OpenTelemetry (OTLP, /metrics), API keys and scopes, rate limits.
builder.AddOperations();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReplayJob>();
builder.Services.AddSingleton<EventIntake>();
builder.Services.AddHostedService<SampleLoader>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealth();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Ingestion:MaxRequestBytes", 16 << 20));

var app = builder.Build();
app.UseOperations();

app.MapPost("/api/v1/events", PostEvents.Handle).WithTags("Events");
app.MapGet("/api/v1/events", GetEvents.Handle).WithTags("Events");
app.MapGet("/api/v1/theaters", GetTheaters.Handle).WithTags("Theaters");
app.MapPut("/api/v1/theaters/{theaterId}", PutTheater.Handle).WithTags("Theaters");
app.MapGet("/api/v1/theaters/{theaterId}/series", GetSeries.Handle).WithTags("Theaters");
app.MapPost("/api/v1/admin/replay", ReplayEndpoints.Start).WithTags("Admin");
app.MapGet("/api/v1/admin/replay", ReplayEndpoints.Status).WithTags("Admin");
app.MapHealth();
app.MapOpenApi();
app.MapScalarApiReference("/api-reference");

return await app.RunJasperFxCommands(args);

public partial class Program;
