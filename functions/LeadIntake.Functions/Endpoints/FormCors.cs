using LeadIntake.Domain.Forms;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Cross-origin rules of the landing-form endpoints: a page may post a form only from an origin the form allows.</summary>
/// <remarks>
/// <para>
/// A request without an <c>Origin</c> header (a server, curl, an old browser's same-origin GET) and one from this app's own
/// pages are not cross-origin and pass. Any other origin must be one of the form's allowed origins (the form registry):
/// then the answer echoes it in <c>Access-Control-Allow-Origin</c> — that origin only, never <c>*</c> — so the page can
/// read it. A refused origin gets 403 and no CORS headers, and nothing is queued: a page is never told "failed" about a
/// lead that was stored. Every answer carries <c>Vary: Origin</c>, so a cache never hands one origin's answer to another.
/// </para>
/// <para>
/// Azure's own CORS setting on the function app must stay empty: when it lists origins, the platform answers preflights
/// itself and this per-form check never sees them.
/// </para>
/// </remarks>
public static class FormCors
{
    /// <summary>Request headers a page may send with a form post.</summary>
    public const string AllowedHeaders = "Content-Type, Accept, Idempotency-Key, X-Requested-With";

    /// <summary>How long a browser may keep a preflight's answer (Chromium caps it at 2 hours).</summary>
    public const int MaxAgeSeconds = 7200;

    /// <summary>The calling page's origin, normalised; null when the request is not cross-origin (no Origin, or this app's own).</summary>
    /// <remarks>An Origin that is not an origin at all (<c>null</c> from a sandboxed frame or a file) is returned as given, and refused.</remarks>
    public static string? CrossOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString().Trim();
        if (origin.Length == 0)
            return null;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
            return origin;
        return IsThisApp(uri, request) ? null : FormRegistry.NormaliseOrigin(origin) ?? origin;
    }

    /// <summary>True when <paramref name="uri"/> is on this app: the host (and port) the request reached.</summary>
    /// <remarks>Behind Azure's front end the worker may see http for an https call, so the scheme does not decide.</remarks>
    public static bool IsThisApp(Uri uri, HttpRequest request) =>
        string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Allows <paramref name="origin"/> to read this answer, or only marks it as varying by origin when null.</summary>
    public static void Allow(HttpResponse response, string? origin)
    {
        response.Headers.Append("Vary", "Origin");
        if (origin is not null)
            response.Headers.AccessControlAllowOrigin = origin;
    }

    /// <summary>The answer to a refused origin: 403 problem+json, no CORS headers.</summary>
    public static IResult Refused(string formId) => Results.Problem(
        title: "Origin not allowed",
        detail: $"This page's origin may not send form '{formId}'. The form's owner adds the origin to the form's AllowedOrigins.",
        statusCode: StatusCodes.Status403Forbidden);
}
