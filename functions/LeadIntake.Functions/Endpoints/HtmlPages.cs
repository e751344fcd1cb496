using System.Text;
using System.Text.Encodings.Web;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The demo landing page, the thank-you page and the form error page; every dynamic value is HTML-escaped.</summary>
/// <remarks>None links to the demo page: a visitor came from a landing page, and only a checked back URL is linked.</remarks>
public static class HtmlPages
{
    /// <summary>Attribution parameters the demo page copies from its own URL into hidden form fields.</summary>
    public static IReadOnlyList<string> AttributionParameters { get; } =
        ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid"];

    private const string Style = """
          body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
          .errors { background: #fdecea; border: 1px solid #f5c2c0; padding: .5rem 1rem; }
        """;

    // The demo landing page's look: a pitch beside a form card, one column on a phone.
    private const string DemoStyle = """
          * { box-sizing: border-box; }
          body { margin: 0; font-family: system-ui, sans-serif; color: #1b1b1b; background: #f4f6fa; line-height: 1.5; }
          header { background: #14213d; color: #fff; padding: .9rem 1.5rem; font-weight: 700; letter-spacing: .02em; }
          main { max-width: 64rem; margin: 0 auto; padding: 2.5rem 1.5rem; display: grid; gap: 2.5rem; grid-template-columns: 1fr; }
          @media (min-width: 52rem) { main { grid-template-columns: 1.1fr 1fr; align-items: start; } }
          h1 { font-size: 2.2rem; line-height: 1.15; margin: 0 0 1rem; }
          .pitch p { font-size: 1.15rem; color: #3a3f4b; }
          .pitch li { margin: .4rem 0; }
          .card { background: #fff; border-radius: .75rem; padding: 1.75rem; box-shadow: 0 .25rem 1.5rem rgba(20, 33, 61, .12); }
          .card h2 { margin: 0 0 .25rem; }
          .hint { margin: 0 0 1rem; color: #5a6070; font-size: .9rem; }
          .field { margin-bottom: .9rem; }
          .field label { display: block; font-weight: 600; margin-bottom: .25rem; }
          .field input, .field textarea { width: 100%; padding: .55rem .65rem; font: inherit; border: 1px solid #b8bfcc; border-radius: .4rem; }
          .field input:focus, .field textarea:focus { outline: 2px solid #fca311; outline-offset: 1px; }
          .row { display: grid; gap: 0 .9rem; grid-template-columns: 1fr 1fr; }
          .check { display: flex; gap: .6rem; align-items: flex-start; margin: .6rem 0; font-size: .95rem; }
          .check input { margin-top: .3rem; }
          .req { color: #b3261e; }
          button { width: 100%; margin-top: 1rem; padding: .8rem 1rem; font: inherit; font-weight: 700; color: #fff; background: #1d4ed8; border: 0; border-radius: .4rem; cursor: pointer; }
          button:hover { background: #1e40af; }
          button:disabled { background: #8aa0d8; cursor: progress; }
          .trap { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
          .leadintake-error { display: block; color: #b3261e; font-size: .9rem; margin-top: .2rem; }
          [aria-invalid=true] { border-color: #b3261e; }
          .leadintake-errors { background: #fdecea; border: 1px solid #f5c2c0; border-radius: .4rem; padding: .25rem 1rem; margin-bottom: 1rem; }
          .leadintake-success { font-size: 1.2rem; font-weight: 600; padding: 2rem 0; }
          #privacy { max-width: 64rem; margin: 0 auto; padding: 0 1.5rem 3rem; color: #3a3f4b; font-size: .95rem; }
        """;

    // The demo form's visible fields: name (as posted), its canonical name (LandingForm.RequiredFields), label, input type, autocomplete token.
    private static readonly (string Name, string Canonical, string Label, string Type, string Autocomplete)[] s_demoFields =
    [
        ("email", LeadFieldNames.Email, "Work email", "email", "email"),
        ("first_name", LeadFieldNames.FirstName, "First name", "text", "given-name"),
        ("last_name", LeadFieldNames.LastName, "Last name", "text", "family-name"),
        ("company", LeadFieldNames.Company, "Company", "text", "organization"),
        ("job_title", LeadFieldNames.JobTitle, "Job title", "text", "organization-title"),
        ("phone", LeadFieldNames.Phone, "Phone", "tel", "tel"),
        ("country", LeadFieldNames.Country, "Country", "text", "country-name"),
    ];

    /// <summary>The wording next to the consent box when the form registry gives the demo form none.</summary>
    public const string FallbackConsentText = "Send me occasional product news by email. I can unsubscribe at any time.";

    /// <summary>The Content-Security-Policy of the demo page with style and script nonce <paramref name="nonce"/>, posting <paramref name="form"/>.</summary>
    /// <remarks>
    /// Scripts only from this app (the snippet) or with the nonce, the one inline style by nonce, connections to this app.
    /// <c>form-action</c> is this app plus every origin a plain post may be redirected to (browsers check the redirect of a
    /// form post too): the form's thank-you URL and its allowed origins, which an allowed <c>_redirect</c> may name
    /// (<see cref="RedirectPolicy.Resolve"/>). Both are normalised origins from the registry, so nothing here is the visitor's.
    /// </remarks>
    public static string DemoContentSecurityPolicy(string nonce, LandingForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var targets = form.AllowedOrigins.Append(form.ThankYouUrl is { } url ? FormRegistry.NormaliseOrigin(new Uri(url).GetLeftPart(UriPartial.Authority)) : null)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Prepend("'self'");
        return $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self' data:; " +
            $"base-uri 'none'; form-action {string.Join(' ', targets)}; frame-ancestors 'none'";
    }

    /// <summary>The Content-Security-Policy of the thank-you and form error pages: their one inline style by nonce, nothing else.</summary>
    public static string StaticContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; style-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The demo landing page: a form that posts to <paramref name="actionPath"/> without JavaScript and is enhanced by the
    /// snippet at <paramref name="snippetPath"/> with it; the hidden fields the snippet would add are rendered by the server.
    /// </summary>
    /// <param name="actionPath">The capture endpoint's path.</param>
    /// <param name="snippetPath">The snippet's path on this app.</param>
    /// <param name="pageUrl">This page's own URL, posted as <c>pageUrl</c> for attribution.</param>
    /// <param name="query">The page's query string; attribution parameters are kept as hidden fields.</param>
    /// <param name="form">The demo form's settings: consent wording and link, required fields.</param>
    /// <param name="token">A render token for the form (<see cref="FormTokens.TokenField"/>).</param>
    /// <param name="idempotencyKey">The key of this page's submission (<see cref="LeadFieldNames.IdempotencyKey"/>).</param>
    /// <param name="nonce">The CSP nonce of the inline style and the script tag (<see cref="DemoContentSecurityPolicy"/>).</param>
    public static string Demo(
        string actionPath, string snippetPath, string pageUrl, IQueryCollection query, LandingForm form, string token, string idempotencyKey, string nonce)
    {
        var hidden = new StringBuilder();
        AppendHidden(hidden, LeadFieldNames.FormId, form.FormId);
        AppendHidden(hidden, LeadFieldNames.PageUrl, pageUrl);
        AppendHidden(hidden, FormTokens.TokenField, token);
        AppendHidden(hidden, LeadFieldNames.IdempotencyKey, idempotencyKey);
        foreach (var name in AttributionParameters)
        {
            var value = query[name].ToString();
            if (!string.IsNullOrEmpty(value))
                AppendHidden(hidden, name, value);
        }

        var fields = new StringBuilder();
        foreach (var (name, canonical, label, type, autocomplete) in s_demoFields)
        {
            var required = canonical == LeadFieldNames.Email || form.RequiredFields.Contains(canonical, StringComparer.Ordinal);
            fields.Append("    <div class=\"field\"><label for=\"").Append(name).Append("\">").Append(Encode(label));
            if (required)
                fields.Append(" <span class=\"req\" aria-hidden=\"true\">*</span>");
            fields.Append("</label><input id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" type=\"").Append(type)
                .Append("\" autocomplete=\"").Append(autocomplete).Append('"').Append(required ? " required" : "").Append("></div>\n");
        }

        var consentText = form.ConsentText ?? FallbackConsentText;
        var consentLink = form.ConsentUrl is { } url
            ? $"<a href=\"{Encode(url)}\" target=\"_blank\" rel=\"noopener\">Privacy notice</a>"
            : "<a href=\"#privacy\">How we use your data</a>";

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Book a demo · LeadIntake</title>
            <style nonce="{{nonce}}">
            {{DemoStyle}}
            </style></head>
            <body>
            <header>LeadIntake</header>
            <main>
            <section class="pitch">
              <h1>Every form fill, scored and with sales in minutes</h1>
              <p>LeadIntake captures leads from any landing page, scores them the moment they arrive and hands the best ones to sales with an SLA clock running.</p>
              <ul>
                <li>Qualified leads reach a salesperson while they still remember you</li>
                <li>First-touch attribution: know which campaign really brought each lead</li>
                <li>Spam never becomes a lead, and consent is on record</li>
              </ul>
            </section>
            <section class="card" aria-labelledby="form-title">
              <h2 id="form-title">Book a 20-minute demo</h2>
              <p class="hint">Fields marked <span class="req">*</span> are required.</p>
              <form id="lead-form" data-leadintake="{{Encode(form.FormId)}}" method="post" action="{{Encode(actionPath)}}" enctype="application/x-www-form-urlencoded">
            {{hidden}}{{fields}}    <div class="field"><label for="message">What would you like to see?</label><textarea id="message" name="message" rows="3"></textarea></div>
                <div class="check"><input type="checkbox" id="contact_requested" name="contact_requested" value="true"><label for="contact_requested">Please contact me to arrange a demo</label></div>
                <div class="check"><input type="checkbox" id="consent_marketing" name="consent_marketing" value="true"><label for="consent_marketing"><span data-leadintake-consent>{{Encode(consentText)}}</span> {{consentLink}}</label></div>
                <div class="trap" aria-hidden="true"><label>Leave this field empty <input type="text" name="{{SpamCheck.HoneypotField}}" value="" tabindex="-1" autocomplete="off"></label></div>
                <button type="submit">Book my demo</button>
              </form>
            </section>
            </main>
            <section id="privacy">
              <h2>Your data</h2>
              <p>We keep what you type in this form, the page and campaign that brought you here, and — if you tick the box — your consent with the wording you agreed to and when.
              We do not keep your IP address: only a one-way hash of it, to stop abuse. Ask us and we erase everything we hold about you; you can also ask for a copy.</p>
            </section>
            <script src="{{Encode(snippetPath)}}" defer nonce="{{nonce}}"></script>
            </body>
            </html>
            """;
    }

    /// <summary>The built-in thank-you page; links back to <paramref name="backUrl"/> when given (the caller has checked it is allowed).</summary>
    /// <param name="backUrl">The page the visitor came from, already checked to be allowed; null for "use your browser's back button".</param>
    /// <param name="nonce">The CSP nonce of the inline style (<see cref="StaticContentSecurityPolicy"/>).</param>
    public static string ThankYou(string? backUrl, string nonce) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thank you</title><style nonce="{{nonce}}">{{Style}}</style></head>
        <body>
        <h1>Thank you!</h1>
        <p>We received your details and will be in touch soon.</p>
        <p>{{(backUrl is null ? "Use your browser's back button to return to the page you came from." : $"<a href=\"{Encode(backUrl)}\">Back to the page you came from</a>")}}</p>
        </body>
        </html>
        """;

    /// <summary>The page a browser form post gets when validation fails: each field with its messages, a back link when <paramref name="backUrl"/> is given.</summary>
    /// <param name="errors">Posted field name → messages.</param>
    /// <param name="backUrl">The form's page, already checked to be allowed for the form; null for "use your browser's back button".</param>
    /// <param name="nonce">The CSP nonce of the inline style (<see cref="StaticContentSecurityPolicy"/>).</param>
    public static string FormErrors(IDictionary<string, string[]> errors, string? backUrl, string nonce)
    {
        var items = new StringBuilder();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
                items.Append("<li><strong>").Append(Encode(field)).Append("</strong>: ").Append(Encode(message)).Append("</li>\n");
        }

        var back = backUrl is null
            ? "Use your browser's back button to return to the form: what you typed is kept."
            : $"<a href=\"{Encode(backUrl)}\">Back to the form</a> (or use your browser's back button to keep what you typed).";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Please check the form</title><style nonce="{{nonce}}">{{Style}}</style></head>
            <body>
            <h1>Please check the form</h1>
            <div class="errors"><ul>
            {{items}}</ul></div>
            <p>{{back}}</p>
            </body>
            </html>
            """;
    }

    private static void AppendHidden(StringBuilder html, string name, string value) =>
        html.Append("  <input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">\n");

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
