using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Chooses where a browser goes after a successful form post.</summary>
/// <remarks>
/// A form's <c>_redirect</c> field is honoured only when its origin is one of the form's allowed origins (the form
/// registry); else the form's thank-you URL; else the built-in thank-you page, linking back to the page the form was on
/// when that page is on an allowed origin. Other hosts, other schemes, relative or malformed URLs are never followed,
/// so the endpoint is no open redirect.
/// </remarks>
public static class RedirectPolicy
{
    /// <summary>Name of the control field naming the page to show after a successful post (the parser ignores control fields).</summary>
    public const string RedirectField = LeadFieldNames.ControlPrefix + "redirect";

    /// <summary>The built-in thank-you page.</summary>
    public static string ThankYouPath { get; } = FunctionNames.PublicPath(FunctionNames.ThankYouPageRoute);

    /// <summary>The URL to send the browser to after <paramref name="form"/> accepted a post asking for <paramref name="redirect"/> from <paramref name="pageUrl"/>.</summary>
    public static string Resolve(LandingForm form, string? redirect, string? pageUrl)
    {
        if (AllowedUrl(form, redirect) is { } target)
            return target;
        if (form.ThankYouUrl is { } thankYou)
            return thankYou;

        var query = QueryString.Create("form", form.FormId);
        if (AllowedUrl(form, pageUrl) is { } back)
            query = query.Add("back", back);
        return ThankYouPath + query.ToUriComponent();
    }

    /// <summary>The absolute http(s) <paramref name="url"/> when its origin is one <paramref name="form"/> allows, else null.</summary>
    public static string? AllowedUrl(LandingForm form, string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var target)
            || target.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(target.UserInfo))
            return null;
        return form.AllowsOrigin(target.GetLeftPart(UriPartial.Authority).ToLowerInvariant()) ? target.AbsoluteUri : null;
    }
}
