using System.Net;
using System.Text.RegularExpressions;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Endpoints;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The snippet's endpoint, the demo page's markup and headers, and the thank-you page's back link, over HTTP.</summary>
[Collection(LandingSiteCollection.Name)]
public sealed partial class LandingPageTests(LandingSiteAppFixture fixture)
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Snippet_Get_JavaScriptCacheableForFiveMinutesNotSniffed()
    {
        var response = await Client.GetAsync("api/snippet.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("form[data-leadintake]", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        // "A few KB": what a landing page pays for it, before compression.
        Assert.True(script.Length < 16 * 1024, $"{script.Length} characters");
    }

    [Fact]
    public async Task DemoPage_Get_RendersEveryHiddenFieldOnceAndANonceCsp()
    {
        var response = await Client.GetAsync("api/demo?utm_source=news%22letter");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = NonceInCsp().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        // form-action: this app and the origins a plain post may be redirected to (the allowed origins of the settings).
        Assert.Equal(
            $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self' data:; " +
            $"base-uri 'none'; form-action 'self' https://www.example.com {fixture.Site.AllowedOrigin}; frame-ancestors 'none'",
            csp);
        Assert.Contains($"<style nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"/api/snippet.js\" defer nonce=\"{nonce}\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("data-leadintake=\"demo\"", html, StringComparison.Ordinal);
        Assert.Equal(["demo"], Hidden(html, "formId"));
        Assert.Equal(["news&quot;letter"], Hidden(html, "utm_source"));
        Assert.StartsWith("v1.", Assert.Single(Hidden(html, FormTokens.TokenField)), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(Assert.Single(Hidden(html, "_idempotency_key")), out _));
        Assert.Single(Regex.Matches(html, $"name=\"{SpamCheck.HoneypotField}\" value=\"\" tabindex=\"-1\" autocomplete=\"off\""));
        Assert.Contains("<section id=\"privacy\">", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"req\" aria-hidden=\"true\">*</span></label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoPage_TwoRequests_FreshTokenAndIdempotencyKeyEach()
    {
        var first = await Client.GetStringAsync("api/demo");
        var second = await Client.GetStringAsync("api/demo");

        Assert.NotEqual(Hidden(first, FormTokens.TokenField), Hidden(second, FormTokens.TokenField));
        Assert.NotEqual(Hidden(first, "_idempotency_key"), Hidden(second, "_idempotency_key"));
    }

    [Theory]
    [InlineData("{site}/landing?utm_source=x", "{site}/landing?utm_source=x")]   // an origin the form allows
    [InlineData("/api/demo", "/api/demo")]                                          // a path on this app
    [InlineData("{app}/api/demo", "{app}/api/demo")]                                // this app's own origin
    [InlineData("https://evil.example.net/phish", null)]                            // an origin the form does not allow
    [InlineData("//evil.example.net/phish", null)]                                  // protocol-relative: another host
    [InlineData("/\\evil.example.net/phish", null)]                                 // browsers read "/\" as "//"
    [InlineData("javascript:alert(1)", null)]
    [InlineData("http://user@{siteHost}/landing", null)]                            // user info
    [InlineData("", null)]
    public async Task ThankYouPage_Back_LinkedOnlyWhenAllowed(string back, string? expectedHref)
    {
        string Fill(string text) => text.Replace("{site}", fixture.Site.AllowedOrigin, StringComparison.Ordinal)
            .Replace("{siteHost}", $"localhost:{fixture.Site.Port}", StringComparison.Ordinal)
            .Replace("{app}", fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

        var response = await Client.GetAsync($"api/thanks?form={LandingSite.FormId}&back={Uri.EscapeDataString(Fill(back))}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Thank you!</h1>", html, StringComparison.Ordinal);
        if (expectedHref is null)
        {
            Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
            Assert.Contains("browser's back button", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"<a href=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Fill(expectedHref))}\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThankYouPage_NoBack_NoLinkToTheDemo()
    {
        var html = await Client.GetStringAsync("api/thanks");

        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/demo", html, StringComparison.Ordinal);
    }

    private static List<string> Hidden(string html, string name) =>
        [.. Regex.Matches(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\">").Select(match => match.Groups[1].Value)];

    [GeneratedRegex("style-src 'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceInCsp();
}
