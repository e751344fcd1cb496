using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary>The built-in pages: the demo landing page and the thank-you page.</summary>
public sealed class LandingPageFunctions
{
    /// <summary><c>GET /api/demo</c>: the demo landing page, posting to <c>/api/leads</c>.</summary>
    [Function(FunctionNames.DemoPage)]
    public IResult ShowDemoPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.DemoPageRoute)] HttpRequest request) =>
        Results.Content(
            HtmlPages.Demo(FunctionNames.PublicPath(FunctionNames.CaptureLeadRoute), $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", request.Query),
            "text/html; charset=utf-8");

    /// <summary><c>GET /api/thanks</c>: where a browser lands after a successful plain form post.</summary>
    [Function(FunctionNames.ThankYouPage)]
    public IResult ShowThankYouPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.ThankYouPageRoute)] HttpRequest request) =>
        Results.Content(HtmlPages.ThankYou(FunctionNames.PublicPath(FunctionNames.DemoPageRoute)), "text/html; charset=utf-8");
}
