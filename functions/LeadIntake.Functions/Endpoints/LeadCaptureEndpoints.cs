using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Pipeline;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The public HTTP functions: lead capture, the demo landing page and the thank-you page.</summary>
/// <remarks>
/// Routes are the public paths (<c>/api/…</c>) because the host proxies callers' requests unchanged
/// (<c>enableProxyingHttpRequest</c>). <c>GET /</c> also serves the demo page locally and answers the host's readiness ping.
/// </remarks>
public static class LeadCaptureEndpoints
{
    /// <summary>Maps <c>POST /api/leads</c>, <c>GET /</c>, <c>GET /api/demo</c> and <c>GET /api/thanks</c>.</summary>
    public static IEndpointRouteBuilder MapLeadCaptureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(FunctionNames.PublicPath(FunctionNames.CaptureLeadRoute), CaptureLeadAsync)
            .WithName(FunctionNames.CaptureLead)
            // A public, cross-site landing-page form: there is no session to protect and no token to check.
            .DisableAntiforgery();
        app.MapGet("/", ShowDemoPage);
        app.MapGet(FunctionNames.PublicPath(FunctionNames.DemoPageRoute), ShowDemoPage).WithName(FunctionNames.DemoPage);
        app.MapGet(FunctionNames.PublicPath(FunctionNames.ThankYouPageRoute), ShowThankYouPage).WithName(FunctionNames.ThankYouPage);
        return app;
    }

    private static async Task<IResult> CaptureLeadAsync(
        HttpContext http,
        LeadIntakeService intake,
        LeadIdentity identity,
        RedirectPolicy redirects,
        IOptions<LeadCaptureOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        var read = await LeadFormReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (read.Fields is null)
            return TypedResults.Problem(read.FailureDetail, statusCode: read.FailureStatus);

        var isBrowser = BrowserFormPost.Is(request);
        var redirect = read.Fields.LastOrDefault(field => field.Key == RedirectPolicy.RedirectField).Value;
        var form = new RawLeadForm(read.Fields);
        var context = new CaptureContext(
            time.GetUtcNow(), request.Headers.UserAgent.ToString(), request.Headers.Referer.ToString(), ClientAddress.Of(http));

        var parsed = LeadSubmissionParser.Parse(form, context, identity, LeadCaptureLimits.Default);
        if (!parsed.IsValid)
        {
            return isBrowser
                ? TypedResults.Content(HtmlPages.FormErrors(parsed.Errors, DemoPath), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(parsed.Errors);
        }

        var receipt = await intake.AcceptAsync(parsed.Value, cancellationToken);
        return isBrowser ? new SeeOtherResult(redirects.Resolve(redirect)) : TypedResults.Accepted((string?)null, receipt);
    }

    private static string DemoPath => FunctionNames.PublicPath(FunctionNames.DemoPageRoute);

    private static IResult ShowDemoPage(HttpRequest request) => TypedResults.Content(
        HtmlPages.Demo(FunctionNames.PublicPath(FunctionNames.CaptureLeadRoute), $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", request.Query),
        "text/html; charset=utf-8");

    private static IResult ShowThankYouPage() => TypedResults.Content(HtmlPages.ThankYou(DemoPath), "text/html; charset=utf-8");
}
