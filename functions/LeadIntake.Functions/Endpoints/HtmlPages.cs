using System.Text;
using System.Text.Encodings.Web;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The demo landing page, the thank-you page and the form error page; every dynamic value is HTML-escaped.</summary>
public static class HtmlPages
{
    /// <summary>Attribution parameters the demo page copies from its own URL into hidden form fields.</summary>
    public static IReadOnlyList<string> AttributionParameters { get; } =
        ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid"];

    private const string Style = """
        <style>
          body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
          label { display: block; margin-top: .75rem; font-weight: 600; }
          input, textarea { width: 100%; padding: .4rem; box-sizing: border-box; font: inherit; }
          input[type=checkbox] { width: auto; }
          button { margin-top: 1rem; padding: .5rem 1.5rem; font: inherit; }
          .errors { background: #fdecea; border: 1px solid #f5c2c0; padding: .5rem 1rem; }
        </style>
        """;

    /// <summary>The demo landing page: a plain HTML form posting to <paramref name="actionPath"/>, usable without JavaScript.</summary>
    /// <param name="actionPath">The capture endpoint's path.</param>
    /// <param name="pageUrl">This page's own URL, posted as <c>page_url</c> for attribution.</param>
    /// <param name="query">The page's query string; attribution parameters are kept as hidden fields.</param>
    public static string Demo(string actionPath, string pageUrl, IQueryCollection query)
    {
        var hidden = new StringBuilder();
        AppendHidden(hidden, LeadFieldNames.PageUrl, pageUrl);
        AppendHidden(hidden, LeadFieldNames.FormId, "demo");
        foreach (var name in AttributionParameters)
        {
            var value = query[name].ToString();
            if (!string.IsNullOrEmpty(value))
                AppendHidden(hidden, name, value);
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>LeadIntake demo</title>{{Style}}</head>
            <body>
            <h1>Talk to our team</h1>
            <p>This demo form posts to <code>{{Encode(actionPath)}}</code>, like a form on any landing page would.</p>
            <div id="errors" class="errors" hidden></div>
            <form id="lead-form" method="post" action="{{Encode(actionPath)}}" enctype="application/x-www-form-urlencoded">
            {{hidden}}
              <label for="email">Work email</label><input id="email" name="email" type="email" required autocomplete="email">
              <label for="first_name">First name</label><input id="first_name" name="first_name" autocomplete="given-name">
              <label for="last_name">Last name</label><input id="last_name" name="last_name" autocomplete="family-name">
              <label for="company">Company</label><input id="company" name="company" autocomplete="organization">
              <label for="job_title">Job title</label><input id="job_title" name="job_title" autocomplete="organization-title">
              <label for="phone">Phone</label><input id="phone" name="phone" type="tel" autocomplete="tel">
              <label for="country">Country</label><input id="country" name="country" autocomplete="country-name">
              <label for="message">Message</label><textarea id="message" name="message" rows="4"></textarea>
              <label><input type="checkbox" name="contact_requested" value="true"> Please contact me</label>
              <label><input type="checkbox" name="consent_marketing" value="true"> Send me product news</label>
              <button type="submit">Send</button>
            </form>
            <script>
            // Progressive enhancement: without JavaScript the form posts normally and the server redirects.
            document.getElementById('lead-form').addEventListener('submit', async (event) => {
              event.preventDefault();
              const form = event.target, box = document.getElementById('errors');
              try {
                const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)),
                  headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' } });
                if (response.status === 202) { window.location.assign('{{JavaScriptEncoder.Default.Encode(RedirectPolicy.ThankYouPath)}}'); return; }
                const problem = await response.json().catch(() => ({}));
                const messages = problem.errors ? Object.values(problem.errors).flat() : [problem.detail || problem.title || 'Please try again.'];
                box.replaceChildren(...messages.map(text => { const p = document.createElement('p'); p.textContent = text; return p; }));
                box.hidden = false;
              } catch { form.submit(); }
            });
            </script>
            </body>
            </html>
            """;
    }

    /// <summary>The built-in thank-you page.</summary>
    public static string ThankYou(string? homePath) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Thank you</title>{{Style}}</head>
        <body>
        <h1>Thank you!</h1>
        <p>We received your details and will be in touch soon.</p>
        <p><a href="{{Encode(homePath ?? "")}}">Back to the form</a></p>
        </body>
        </html>
        """;

    /// <summary>The page a browser form post gets when validation fails: each field with its messages.</summary>
    public static string FormErrors(IDictionary<string, string[]> errors, string? backPath)
    {
        var items = new StringBuilder();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
                items.Append("<li><strong>").Append(Encode(field)).Append("</strong>: ").Append(Encode(message)).Append("</li>\n");
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Please check the form</title>{{Style}}</head>
            <body>
            <h1>Please check the form</h1>
            <div class="errors"><ul>
            {{items}}</ul></div>
            <p><a href="{{Encode(backPath ?? "")}}">Back to the form</a> (or use your browser's back button to keep what you typed).</p>
            </body>
            </html>
            """;
    }

    private static void AppendHidden(StringBuilder html, string name, string value) =>
        html.Append("  <input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">\n");

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
