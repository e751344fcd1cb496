using LeadIntake.Domain.Forms;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Decides whether a "back to the form" URL may be linked from the thank-you and error pages.</summary>
/// <remarks>
/// The URL comes from the query string, so anyone can craft it: a link is offered only to a page on an origin the form
/// allows, or on this app itself (a path, or an absolute URL on the app's own origin). Anything else, including
/// <c>javascript:</c>, protocol-relative <c>//host</c> and URLs with user info, gets no link.
/// </remarks>
public static class BackLink
{
    /// <summary>The URL to link back to, or null when <paramref name="back"/> is blank or not allowed.</summary>
    /// <param name="back">The requested back URL (absolute, or a path on this app).</param>
    /// <param name="form">The form the visitor posted.</param>
    /// <param name="appOrigin">This app's origin as the request reached it, e.g. <c>https://leads.example.com</c>.</param>
    public static string? Allowed(string? back, LandingForm form, string appOrigin)
    {
        ArgumentNullException.ThrowIfNull(form);
        var text = back?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2048 || text.Any(c => char.IsControl(c) || c == '\\'))
            return null;
        if (text[0] == '/')
            return text.Length > 1 && text[1] == '/' ? null : text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            return null;

        var origin = FormRegistry.NormaliseOrigin(uri.GetLeftPart(UriPartial.Authority));
        return form.AllowsOrigin(origin) || string.Equals(origin, FormRegistry.NormaliseOrigin(appOrigin), StringComparison.Ordinal)
            ? uri.AbsoluteUri
            : null;
    }
}
