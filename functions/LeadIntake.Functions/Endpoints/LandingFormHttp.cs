using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The landing-form endpoints besides capture: CORS preflights of <c>/api/leads</c> and render tokens.</summary>
public sealed class LandingFormHttp(IFormRegistryProvider forms, FormTokens tokens, TimeProvider timeProvider)
{
    /// <summary>
    /// Answers a preflight of <c>POST /api/leads[?form=]</c>: 204 with the CORS headers when the form named by <c>?form=</c>
    /// (or, without it, any form) allows the origin; 403 without CORS headers otherwise.
    /// </summary>
    public async Task<IResult> PreflightAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var registry = await forms.GetAsync(cancellationToken);
        var formId = request.Query["form"].ToString();
        var origin = FormCors.CrossOrigin(request);
        var allowed = origin is null || (formId.Length > 0 ? registry.Resolve(formId).AllowsOrigin(origin) : registry.AnyFormAllows(origin));
        if (!allowed)
            return FormCors.Refused(formId.Length > 0 ? formId : FormRegistry.DefaultFormId);

        var headers = request.HttpContext.Response.Headers;
        FormCors.Allow(request.HttpContext.Response, origin);
        headers.AccessControlAllowMethods = "POST";
        headers.AccessControlAllowHeaders = FormCors.AllowedHeaders;
        headers.AccessControlMaxAge = FormCors.MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    /// <summary>
    /// Answers <c>GET /api/forms/{form}/token[?renew=]</c>: a render token and what a page shows of the form (thank-you URL,
    /// consent wording), with CORS for the form's origins; <c>no-store</c>, since every page view needs its own.
    /// </summary>
    public async Task<IResult> TokenAsync(HttpRequest request, string formId, CancellationToken cancellationToken)
    {
        var registry = await forms.GetAsync(cancellationToken);
        var form = registry.Resolve(formId);
        var origin = FormCors.CrossOrigin(request);
        if (origin is not null && !form.AllowsOrigin(origin))
            return FormCors.Refused(form.FormId);

        var response = request.HttpContext.Response;
        FormCors.Allow(response, origin);
        response.Headers.CacheControl = "no-store";
        var renew = request.Query["renew"].ToString();
        var now = timeProvider.GetUtcNow();
        return Results.Ok(new FormTokenResponse(
            renew.Length > 0 ? tokens.Renew(form.FormId, renew, now) : tokens.Issue(form.FormId, now),
            form.FormId, form.ThankYouUrl, form.ConsentText, form.ConsentVersion, form.ConsentUrl, SpamCheck.HoneypotField));
    }
}

/// <summary>The body of a render-token answer.</summary>
/// <param name="Token">The signed render token, posted back as <c>_token</c>.</param>
/// <param name="FormId">The form it is for.</param>
/// <param name="ThankYouUrl">Where to send the visitor after success; null to thank them in the page.</param>
/// <param name="ConsentText">The consent wording to show next to the checkbox.</param>
/// <param name="ConsentVersion">Its version (recorded with the consent by the server).</param>
/// <param name="ConsentUrl">The privacy notice the wording links to.</param>
/// <param name="HoneypotField">The honeypot field the page adds and leaves empty.</param>
public sealed record FormTokenResponse(
    string Token, string FormId, string? ThankYouUrl, string? ConsentText, string? ConsentVersion, string? ConsentUrl, string HoneypotField);
