namespace LeadIntake.Functions.Hosting;

/// <summary>Every function name, route and schedule of the function app, in one place; the trigger attributes use these.</summary>
/// <remarks>
/// The Functions host learns them from the <c>functions.metadata</c> the worker SDK writes at build time; a test reads
/// that file and fails when a binding disagrees with these constants. Queue names are in <see cref="LeadIntake.Storage.StorageNames"/>.
/// </remarks>
public static class FunctionNames
{
    /// <summary>Route prefix of HTTP functions (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    /// <summary>HTTP function that accepts a lead form: <c>POST /api/leads</c>, anonymous.</summary>
    public const string CaptureLead = "CaptureLead";

    /// <summary>Route of <see cref="CaptureLead"/>, without the prefix.</summary>
    public const string CaptureLeadRoute = "leads";

    /// <summary>HTTP function serving the demo landing page: <c>GET /api/demo</c>.</summary>
    public const string DemoPage = "DemoPage";

    /// <summary>Route of <see cref="DemoPage"/>, without the prefix.</summary>
    public const string DemoPageRoute = "demo";

    /// <summary>HTTP function serving the built-in thank-you page: <c>GET /api/thanks</c>.</summary>
    public const string ThankYouPage = "ThankYouPage";

    /// <summary>Route of <see cref="ThankYouPage"/>, without the prefix.</summary>
    public const string ThankYouPageRoute = "thanks";

    /// <summary>Queue-triggered function that enriches, scores and stages a captured lead.</summary>
    public const string ProcessLead = "ProcessLead";

    /// <summary>Timer function that sends sales hand-offs left in an outbox.</summary>
    public const string SweepSalesHandoffs = "SweepSalesHandoffs";

    /// <summary>Queue-triggered function that POSTs a sales hand-off, signed, to <c>Handoff:WebhookUrl</c>, with back-off.</summary>
    public const string DeliverHandoffWebhook = "DeliverHandoffWebhook";

    /// <summary>NCRONTAB schedule of <see cref="SweepSalesHandoffs"/>: every 5 minutes (seconds field first).</summary>
    public const string SweepSalesHandoffsSchedule = "0 */5 * * * *";

    /// <summary>HTTP function that accepts behaviour events: <c>POST /api/activities</c>, function key.</summary>
    public const string RecordActivities = "RecordActivities";

    /// <summary>Route of <see cref="RecordActivities"/>, without the prefix.</summary>
    public const string ActivitiesRoute = "activities";

    /// <summary>Queue-triggered function that stores behaviour events, recomputes engagement and applies the policy.</summary>
    public const string ProcessActivity = "ProcessActivity";

    /// <summary>HTTP function that takes what sales reports back: <c>POST /api/leads/{lead}/sales-events</c>, function key.</summary>
    public const string RecordSalesEvent = "RecordSalesEvent";

    /// <summary>Route of <see cref="RecordSalesEvent"/>, without the prefix; <c>{lead}</c> is a lead id or an email.</summary>
    public const string SalesEventsRoute = "leads/{lead}/sales-events";

    /// <summary>Timer function of the SLA clock: hand-offs after nurture, breaches, exhausted follow-ups, recycling.</summary>
    public const string SlaCheck = "SlaCheck";

    /// <summary>The app setting holding <see cref="SlaCheck"/>'s NCRONTAB schedule (default every minute: <c>0 * * * * *</c>).</summary>
    public const string SlaCheckScheduleSetting = "SlaCheckSchedule";

    /// <summary>Public path of an HTTP function's <paramref name="route"/>, e.g. <c>/api/leads</c>.</summary>
    public static string PublicPath(string route) => $"/{RoutePrefix}/{route}";
}
