using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Where a browser may be sent or linked after a form post: the redirect, the thank-you page's and error page's back link.</summary>
/// <remarks>
/// Every such URL comes from the visitor's request (the <c>_redirect</c> field, the page URL, <c>?back=</c>), so anyone can
/// craft it. It is followed or linked only when it is a page on an origin the form allows, or on this app itself (a path,
/// or an absolute URL on the app's own origin). Anything else, including other hosts, other schemes, <c>javascript:</c>,
/// protocol-relative <c>//host</c> and URLs with user info, is not: the endpoint is no open redirect.
/// </remarks>
public static class RedirectPolicy
{
    /// <summary>Name of the control field naming the page to show after a successful post (the parser ignores control fields).</summary>
    public const string RedirectField = LeadFieldNames.ControlPrefix + "redirect";

    /// <summary>The built-in thank-you page.</summary>
    public static string ThankYouPath { get; } = FunctionNames.PublicPath(FunctionNames.ThankYouPageRoute);

    /// <summary>
    /// Where a browser goes after <paramref name="form"/> accepted a post from <paramref name="pageUrl"/> asking for
    /// <paramref name="redirect"/>: that redirect when allowed, else the form's thank-you URL, else the built-in
    /// thank-you page, linking back to the page when allowed.
    /// </summary>
    public static string Resolve(LandingForm form, string? redirect, string? pageUrl, HttpRequest request)
    {
        if (AllowedUrl(redirect, form, request) is { } target)
            return target;
        if (form.ThankYouUrl is { } thankYou)
            return thankYou;

        var query = QueryString.Create("form", form.FormId);
        if (AllowedUrl(pageUrl, form, request) is { } back)
            query = query.Add("back", back);
        return ThankYouPath + query.ToUriComponent();
    }

    /// <summary>The URL to follow or link, or null when <paramref name="url"/> is blank or not allowed.</summary>
    /// <param name="url">The requested URL (absolute, or a path on this app).</param>
    /// <param name="form">The form the visitor posted.</param>
    /// <param name="request">The request, which tells this app's own host (<see cref="FormCors.IsThisApp"/>).</param>
    public static string? AllowedUrl(string? url, LandingForm form, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(form);
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2048 || text.Any(c => char.IsControl(c) || c == '\\'))
            return null;
        if (text[0] == '/')
            return text.Length > 1 && text[1] == '/' ? null : text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            return null;

        return form.AllowsOrigin(FormRegistry.NormaliseOrigin(uri.GetLeftPart(UriPartial.Authority))) || FormCors.IsThisApp(uri, request)
            ? uri.AbsoluteUri
            : null;
    }
}
