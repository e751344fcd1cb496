using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The KPI dashboard page (<c>GET /api/dashboard</c>): the embedded <c>Dashboard.html</c>, with a fresh CSP nonce per response.</summary>
/// <remarks>
/// The page is self-contained (inline CSS and script, SVG drawn by the script, nothing from the internet) and fetches
/// <c>/api/kpis</c> and <c>/api/kpis/plan</c> with the function key it was opened with (<c>?code=</c>), sent as the
/// <c>x-functions-key</c> header. The Content-Security-Policy lets only the nonce-bearing inline script and style run, and
/// only same-origin connections; <c>Referrer-Policy: no-referrer</c> keeps the key in the address bar from leaking.
/// Nothing from a request is written into the page: data is fetched and inserted by the script with <c>textContent</c>.
/// </remarks>
public static class DashboardPage
{
    private const string NonceMarker = "{{NONCE}}";

    // The page with its constant paths filled in; only the nonce differs per response.
    private static readonly string s_template = EmbeddedPage.Text("Dashboard.html")
        .Replace("{{KPIS_PATH}}", FunctionNames.PublicPath(FunctionNames.KpisRoute), StringComparison.Ordinal)
        .Replace("{{PLAN_PATH}}", FunctionNames.PublicPath(FunctionNames.KpiPlanRoute), StringComparison.Ordinal);

    /// <summary>The Content-Security-Policy of a page with script and style nonce <paramref name="nonce"/>.</summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The page as the answer to one request, with a fresh nonce (security headers: <see cref="HtmlPage"/>).</summary>
    public static IResult Result()
    {
        var nonce = EmbeddedPage.NewNonce();
        return new HtmlPage(s_template.Replace(NonceMarker, nonce, StringComparison.Ordinal), ContentSecurityPolicy(nonce));
    }
}
