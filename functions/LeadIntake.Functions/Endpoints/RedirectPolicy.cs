using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Chooses where a browser goes after a successful form post.</summary>
/// <remarks>
/// A form's <c>_redirect</c> field is honoured only when its origin is listed in
/// <see cref="LeadCaptureOptions.AllowedRedirectOrigins"/>; anything else (other hosts, other schemes, relative or
/// malformed URLs) gets the built-in thank-you page, so the endpoint is no open redirect.
/// </remarks>
public sealed class RedirectPolicy(IOptions<LeadCaptureOptions> options)
{
    /// <summary>Name of the control field naming the page to show after a successful post (the parser ignores control fields).</summary>
    public const string RedirectField = LeadFieldNames.ControlPrefix + "redirect";

    /// <summary>The built-in thank-you page.</summary>
    public static string ThankYouPath { get; } = FunctionNames.PublicPath(FunctionNames.ThankYouPageRoute);

    /// <summary>The URL to send the browser to for a requested <paramref name="redirect"/>.</summary>
    public string Resolve(string? redirect)
    {
        if (string.IsNullOrWhiteSpace(redirect) || !Uri.TryCreate(redirect.Trim(), UriKind.Absolute, out var target)
            || target.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(target.UserInfo))
            return ThankYouPath;

        var origin = target.GetLeftPart(UriPartial.Authority);
        foreach (var allowed in options.Value.AllowedRedirectOrigins)
        {
            if (Uri.TryCreate(allowed, UriKind.Absolute, out var allowedUri)
                && string.Equals(allowedUri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
                return target.AbsoluteUri;
        }

        return ThankYouPath;
    }
}
