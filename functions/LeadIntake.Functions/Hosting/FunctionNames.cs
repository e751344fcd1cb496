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

    /// <summary>HTTP function answering CORS preflights of <see cref="CaptureLead"/>: <c>OPTIONS /api/leads</c>, anonymous.</summary>
    public const string CaptureLeadPreflight = "CaptureLeadPreflight";

    /// <summary>HTTP function issuing a form's render token: <c>GET /api/forms/{form}/token</c>, anonymous, CORS per form.</summary>
    public const string FormToken = "FormToken";

    /// <summary>Route of <see cref="FormToken"/>, without the prefix.</summary>
    public const string FormTokenRoute = "forms/{form}/token";

    /// <summary>HTTP function serving the embeddable form script: <c>GET /api/snippet.js</c>, anonymous.</summary>
    public const string Snippet = "Snippet";

    /// <summary>Route of <see cref="Snippet"/>, without the prefix.</summary>
    public const string SnippetRoute = "snippet.js";

    /// <summary>HTTP function erasing a person: <c>DELETE /api/leads?email=</c>, admin key.</summary>
    public const string EraseLead = "EraseLead";

    /// <summary>HTTP function returning everything stored about a person: <c>GET /api/leads/export?email=</c>, admin key.</summary>
    public const string ExportPersonalData = "ExportPersonalData";

    /// <summary>Route of <see cref="ExportPersonalData"/>, without the prefix.</summary>
    public const string PersonalDataExportRoute = "leads/export";

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

    /// <summary>HTTP function that stores marketing spend: <c>POST /api/spend</c> (JSON or CSV), function key.</summary>
    public const string RecordSpend = "RecordSpend";

    /// <summary>Route of <see cref="RecordSpend"/>, without the prefix.</summary>
    public const string SpendRoute = "spend";

    /// <summary>HTTP function answering the funnel KPIs: <c>GET /api/kpis</c>, function key.</summary>
    public const string QueryKpis = "QueryKpis";

    /// <summary>Route of <see cref="QueryKpis"/>, without the prefix.</summary>
    public const string KpisRoute = "kpis";

    /// <summary>HTTP function of the marketing SLA calculator: <c>GET /api/kpis/plan</c>, function key.</summary>
    public const string PlanMarketing = "PlanMarketing";

    /// <summary>Route of <see cref="PlanMarketing"/>, without the prefix.</summary>
    public const string KpiPlanRoute = "kpis/plan";

    /// <summary>HTTP function exporting the KPI segments and series as CSV: <c>GET /api/kpis.csv</c>, function key.</summary>
    public const string ExportKpis = "ExportKpis";

    /// <summary>Route of <see cref="ExportKpis"/>, without the prefix.</summary>
    public const string KpisCsvRoute = "kpis.csv";

    /// <summary>HTTP function exporting the lead list as CSV: <c>GET /api/leads.csv</c>, function key.</summary>
    public const string ExportLeads = "ExportLeads";

    /// <summary>Route of <see cref="ExportLeads"/>, without the prefix.</summary>
    public const string LeadsCsvRoute = "leads.csv";

    /// <summary>HTTP function serving the KPI dashboard page: <c>GET /api/dashboard</c>, function key (<c>?code=</c> in a browser).</summary>
    public const string Dashboard = "Dashboard";

    /// <summary>Route of <see cref="Dashboard"/>, without the prefix.</summary>
    public const string DashboardRoute = "dashboard";

    /// <summary>Timer function that rebuilds the funnel aggregates: today, yesterday and the days marked for a rebuild.</summary>
    public const string RebuildFunnel = "RebuildFunnel";

    /// <summary>The app setting holding <see cref="RebuildFunnel"/>'s NCRONTAB schedule (every minute, <c>0 * * * * *</c>, in the example settings).</summary>
    public const string FunnelRebuildScheduleSetting = "FunnelRebuildSchedule";

    /// <summary>Public path of an HTTP function's <paramref name="route"/>, e.g. <c>/api/leads</c>.</summary>
    public static string PublicPath(string route) => $"/{RoutePrefix}/{route}";
}
