using System.Text;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The one way the app answers with HTML: every page (demo, thank-you, form errors, dashboard) goes out through it.</summary>
/// <remarks>
/// <para>
/// Each page states its own Content-Security-Policy (its nonce, what it connects to, where its form may post); the rest
/// is the same for every page: <c>X-Content-Type-Options: nosniff</c>, a <c>Referrer-Policy</c>, and
/// <c>Cache-Control: no-store</c>, because every page carries something of one visitor (a render token and idempotency
/// key, what they typed, a function key in the address bar).
/// </para>
/// <para>
/// The referrer policy is <see cref="NoReferrer"/> unless the page itself posts to this app: a browser sends
/// <c>Origin: null</c> on a POST from a no-referrer page, and <see cref="FormCors"/> refuses that origin, so the demo
/// page uses <see cref="SameOrigin"/> (its URL reaches this app only, never another site).
/// </para>
/// </remarks>
/// <param name="html">The page.</param>
/// <param name="contentSecurityPolicy">The page's policy; a page's inline script and style carry its nonce.</param>
/// <param name="statusCode">The status code; 200 by default.</param>
/// <param name="referrerPolicy">The <c>Referrer-Policy</c>; <see cref="NoReferrer"/> by default.</param>
public sealed class HtmlPage(string html, string contentSecurityPolicy, int statusCode = StatusCodes.Status200OK, string referrerPolicy = HtmlPage.NoReferrer)
    : IResult
{
    /// <summary><c>Referrer-Policy</c> of a page that does not post: no URL of it is ever sent anywhere.</summary>
    public const string NoReferrer = "no-referrer";

    /// <summary><c>Referrer-Policy</c> of a page that posts to this app: its URL and origin go to this app only.</summary>
    public const string SameOrigin = "same-origin";

    /// <summary>The media type of every page.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = referrerPolicy;
        response.Headers.CacheControl = "no-store";
        var body = Encoding.UTF8.GetBytes(html);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
