namespace LeadIntake.Functions.Endpoints;

/// <summary>Tells a browser's own form post (answered with HTML and redirects) from a script or API client (answered with JSON).</summary>
public static class BrowserFormPost
{
    /// <summary>
    /// True when the caller asks for HTML, or posts a form content type without asking for JSON and without the
    /// <c>X-Requested-With</c> header scripts send.
    /// </summary>
    public static bool Is(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return true;
        if (accept.Contains("json", StringComparison.OrdinalIgnoreCase) || request.Headers.ContainsKey("X-Requested-With"))
            return false;
        return request.HasFormContentType;
    }
}
