using EscalationForecast.Api.Alerts.Delivering;
using EscalationForecast.Api.Alerts.Evaluating;
using EscalationForecast.Api.Alerts.Reading;
using EscalationForecast.Api.Alerts.Rules;
using EscalationForecast.Api.Http.OpenApi;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace EscalationForecast.Api.Alerts;

public static class Configuration
{
    public const string EvaluationQueue = "alert-evaluations";
    public const string DeliveryQueue = "alert-deliveries";

    /// <summary>
    /// Alerting (section <c>Alerting</c>, see <see cref="AlertingOptions"/>): rules as documents, breaches and
    /// clearances as events in a stream per rule, evaluation on new events, refits and a re-evaluation clock,
    /// and signed webhook deliveries through Wolverine's outbox on a queue of their own (local, RabbitMQ or Kafka:
    /// <see cref="DeliveryTransport"/>).
    /// </summary>
    public static WebApplicationBuilder AddAlerting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Alerting");
        services.Configure<AlertingOptions>(section);
        var settings = section.Get<AlertingOptions>() ?? new AlertingOptions();
        var transport = DeliveryTransport.Choose(settings); // a wrong transport setting stops the start here, by name

        services.AddSingleton<WebhookSender>();
        services.AddSingleton<AlertLog>();
        services.AddHostedService<AlertClockStarter>();
        // Every webhook connection is checked where it is made (OutboundGuard): no internal address unless allowed by name.
        var guard = new OutboundGuard(settings.AllowedWebhookHosts);
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(guard.Handler)
            .RemoveAllLoggers(); // the client's logs name each request's URL, and a webhook URL can carry its token

        services.ConfigureMarten(opts =>
        {
            opts.Events.MapEventType<AlertRaised>(AlertKinds.RaisedType);
            opts.Events.MapEventType<AlertCleared>(AlertKinds.ClearedType);
            opts.Schema.For<AlertRule>().Index(r => r.TheaterId);
            opts.Schema.For<AlertRuleState>();
            opts.Schema.For<AlertDelivery>().Index(d => d.Status);
            opts.Schema.For<AlertClock>().UseNumericRevisions(true);
        });
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeType(typeof(AlertTriggers));
            opts.Discovery.IncludeType(typeof(EvaluateAlertsHandler));
            opts.Discovery.IncludeType(typeof(DeliverAlertHandler));
            opts.Discovery.IncludeType(typeof(ReevaluateAlertsHandler));
            // Deliveries wait on other people's servers: a queue of their own, bounded, so a slow subscriber
            // holds at most one of its slots and never the queues of ingestion's refits or of evaluation. That
            // queue is local, or a broker's (Alerting:Transport); the local one stays declared with its bound
            // either way, so deliveries a node queued on it before a switch to a broker keep that bound.
            opts.RouteDeliveries(transport, settings);
            opts.LocalQueue(DeliveryQueue).MaximumParallelMessages(Math.Max(1, settings.DeliveryParallelism));
            opts.PublishMessage<EvaluateAlerts>().ToLocalQueue(EvaluationQueue);
            opts.PublishMessage<ReevaluateAlerts>().ToLocalQueue(EvaluationQueue);
            opts.LocalQueue(EvaluationQueue).MaximumParallelMessages(2);
        });
        services.SubscribeToEvents(new ModelFitTriggers());
        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app)
    {
        app.MapPost("/api/v1/alert-rules", PostAlertRule.Handle).WithTags("Alerts").WithName("postAlertRule")
            .WithSummary("Create a threshold rule whose breaches are delivered to a webhook");
        app.MapGet("/api/v1/alert-rules", AlertRuleEndpoints.List).WithTags("Alerts").WithName("getAlertRules")
            .WithSummary("List the alert rules (the secrets are never answered)");
        app.MapGet("/api/v1/alert-rules/{id}", AlertRuleEndpoints.Get).WithTags("Alerts").WithName("getAlertRule")
            .WithSummary("Read an alert rule and its state");
        app.MapDelete("/api/v1/alert-rules/{id}", AlertRuleEndpoints.Delete).WithTags("Alerts").WithName("deleteAlertRule")
            .WithSummary("Remove an alert rule");
        app.MapGet("/api/v1/alerts", GetAlerts.Handle).WithTags("Alerts").WithName("getAlerts")
            .WithSummary("Read the breaches and clearances in order, paged")
            .Query(ApiParameters.AfterSequence, ApiParameters.Limit, new("theaterId", "string", "One theater's alerts."), new("ruleId", "string", "One rule's alerts."));
        app.MapGet("/api/v1/alerts/stream", StreamAlerts.Handle).WithTags("Alerts").WithName("streamAlerts")
            .WithSummary("Follow the alerts live as Server-Sent Events (id: the sequence, event: the kind, data: the alert as JSON)")
            .Produces<string>(200, "text/event-stream")
            .Query(new("Last-Event-ID", "integer", "Resume after this alert's sequence (a reconnecting EventSource sends it).", "int64", 0, In: "header"),
                ApiParameters.AfterSequence with { Description = "Start after this sequence when no Last-Event-ID is sent; default the present (new alerts only)." });
        app.MapGet("/api/v1/admin/alerts/dead-letters", DeadLetters.List).WithTags("Admin").WithName("getDeadLetters")
            .WithSummary("List the deliveries given up");
        app.MapPost("/api/v1/admin/alerts/dead-letters/{alertId}/resend", DeadLetters.Resend).WithTags("Admin").WithName("resendDeadLetter")
            .WithSummary("Deliver a given-up alert again");
        return app;
    }
}
