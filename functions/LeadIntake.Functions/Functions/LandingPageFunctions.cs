using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary>The built-in pages: the demo landing page and the thank-you page.</summary>
public sealed class LandingPageFunctions(IFormRegistryProvider forms, FormTokens tokens, TimeProvider timeProvider)
{
    /// <summary>The form id of the demo page.</summary>
    public const string DemoFormId = "demo";

    /// <summary>
    /// <c>GET /api/demo</c>: the demo landing page, posting to <c>/api/leads</c>; the snippet enhances it, and without
    /// JavaScript it posts the hidden fields the server rendered (form id, render token, honeypot, idempotency key, page URL, UTM).
    /// </summary>
    [Function(FunctionNames.DemoPage)]
    public async Task<IResult> ShowDemoPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.DemoPageRoute)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = (await forms.GetAsync(cancellationToken)).Resolve(DemoFormId);
        var nonce = EmbeddedPage.NewNonce();
        var html = HtmlPages.Demo(
            FunctionNames.PublicPath(FunctionNames.CaptureLeadRoute),
            FunctionNames.PublicPath(FunctionNames.SnippetRoute),
            $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}",
            request.Query,
            form,
            tokens.Issue(DemoFormId, timeProvider.GetUtcNow()),
            Guid.NewGuid().ToString(),
            nonce);
        // It posts to this app (same-origin referrer); no-store, since it carries a fresh render token and idempotency key.
        return new HtmlPage(html, HtmlPages.DemoContentSecurityPolicy(nonce, form), referrerPolicy: HtmlPage.SameOrigin);
    }

    /// <summary>
    /// <c>GET /api/thanks?form=&amp;back=</c>: where a browser lands after a successful plain form post; links back to
    /// <c>back</c> only when the form allows its origin or it is on this app (<see cref="RedirectPolicy.AllowedUrl"/>).
    /// </summary>
    [Function(FunctionNames.ThankYouPage)]
    public async Task<IResult> ShowThankYouPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.ThankYouPageRoute)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var back = request.Query["back"].ToString();
        string? backUrl = null;
        if (!string.IsNullOrWhiteSpace(back))
        {
            var form = (await forms.GetAsync(cancellationToken)).Resolve(request.Query["form"].ToString());
            backUrl = RedirectPolicy.AllowedUrl(back, form, request);
        }

        var nonce = EmbeddedPage.NewNonce();
        return new HtmlPage(HtmlPages.ThankYou(backUrl, nonce), HtmlPages.StaticContentSecurityPolicy(nonce));
    }
}
