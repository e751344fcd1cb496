namespace LeadIntake.Functions.Endpoints;

/// <summary>The embeddable form script (<c>GET /api/snippet.js</c>): the embedded <c>snippet.js</c>, served as it is.</summary>
/// <remarks>
/// One <c>&lt;script src="https://APP/api/snippet.js" defer&gt;&lt;/script&gt;</c> on a landing page turns every
/// <c>&lt;form data-leadintake="form-id"&gt;</c> into a progressive form (render token, honeypot, first-touch attribution,
/// <c>fetch()</c> with an idempotency key, inline field errors, plain-post fallback); the script's own comment lists its
/// options. Public and the same for everyone, so caches may keep it for five minutes: a fix reaches every page soon.
/// </remarks>
public static class SnippetScript
{
    /// <summary>The response's media type.</summary>
    public const string ContentType = "application/javascript; charset=utf-8";

    /// <summary>The response's <c>Cache-Control</c>: any cache, five minutes.</summary>
    public const string CacheControl = "public, max-age=300";

    /// <summary>The script's text.</summary>
    public static string Text { get; } = EmbeddedPage.Text("snippet.js");

    /// <summary>The script as the answer to one request: sets the caching and security headers on <paramref name="response"/>.</summary>
    public static IResult Result(HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(Text, ContentType);
    }
}
