using LeadIntake.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>Every function, route and binding name of the function app, in one place.</summary>
/// <remarks>
/// The Functions host reads the same names from <c>functions/definitions/&lt;FunctionName&gt;/function.json</c>;
/// a test fails when a definition disagrees with these constants. Queue names come from
/// <see cref="LeadIntake.Storage.StorageNames"/>.
/// </remarks>
public static class FunctionNames
{
    /// <summary>Route prefix of HTTP functions (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    /// <summary>HTTP function that accepts a lead form: <c>POST /api/leads</c>.</summary>
    public const string CaptureLead = "CaptureLead";

    /// <summary>Route of <see cref="CaptureLead"/>, without the prefix.</summary>
    public const string CaptureLeadRoute = "leads";

    /// <summary>HTTP function serving the demo landing page: <c>GET /api/demo</c> (and <c>GET /</c> when run locally).</summary>
    public const string DemoPage = "DemoPage";

    /// <summary>Route of <see cref="DemoPage"/>, without the prefix.</summary>
    public const string DemoPageRoute = "demo";

    /// <summary>HTTP function serving the built-in thank-you page: <c>GET /api/thanks</c>.</summary>
    public const string ThankYouPage = "ThankYouPage";

    /// <summary>Route of <see cref="ThankYouPage"/>, without the prefix.</summary>
    public const string ThankYouPageRoute = "thanks";

    /// <summary>Queue-triggered function that enriches, scores and stages a captured lead.</summary>
    public const string ProcessLead = "ProcessLead";

    /// <summary>Name of the queue-trigger binding of <see cref="ProcessLead"/>: the key under <c>Data</c> in the host's payload.</summary>
    public const string ProcessLeadMessageBinding = "message";

    /// <summary>Name of the HTTP trigger binding of every HTTP function.</summary>
    public const string HttpTriggerBinding = "req";

    /// <summary>Name of the HTTP output binding of every HTTP function.</summary>
    public const string HttpOutputBinding = "res";

    /// <summary>Every HTTP function: its route (without the prefix) and its one method.</summary>
    public static IReadOnlyDictionary<string, (string Route, string Method)> HttpFunctions { get; } =
        new Dictionary<string, (string Route, string Method)>
        {
            [CaptureLead] = (CaptureLeadRoute, "POST"),
            [DemoPage] = (DemoPageRoute, "GET"),
            [ThankYouPage] = (ThankYouPageRoute, "GET"),
        };

    /// <summary>Every queue-triggered function: its trigger binding name and its queue.</summary>
    public static IReadOnlyDictionary<string, (string Binding, string QueueName)> QueueFunctions { get; } =
        new Dictionary<string, (string Binding, string QueueName)>
        {
            [ProcessLead] = (ProcessLeadMessageBinding, StorageNames.LeadCapturedQueue),
        };

    /// <summary>Public path of an HTTP function's <paramref name="route"/>, e.g. <c>/api/leads</c>.</summary>
    public static string PublicPath(string route) => $"/{RoutePrefix}/{route}";
}
