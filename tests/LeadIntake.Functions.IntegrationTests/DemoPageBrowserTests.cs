using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A real browser fills the demo form, with the snippet (JavaScript on) and without it, and the lead reaches the Leads table.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DemoPageBrowserTests(PipelineAppFixture fixture) : HeadlessChromiumTest
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoForm_FilledAndSubmitted_SuccessAndLeadRow(bool javaScriptEnabled)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScriptEnabled });
        // Generous: the first launch of the browser on a busy two-core machine can take many seconds.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                policyViolations.Add(message.Text);
        };
        var email = FunctionAppFixture.UniqueEmail(javaScriptEnabled ? "js" : "nojs");

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/demo?utm_source=browser-test&utm_medium=cpc&utm_campaign=spring").AbsoluteUri);
        await page.FillAsync("#email", email);
        await page.FillAsync("#first_name", "Katherine");
        await page.FillAsync("#company", "Contoso");
        await page.CheckAsync("input[name=contact_requested]");
        await page.CheckAsync("input[name=consent_marketing]");
        // A person takes longer than FormTokens.MinimumFillTime; a faster submission is spam (answered as success, not stored).
        await Task.Delay(FormTokens.MinimumFillTime + TimeSpan.FromMilliseconds(500));
        var request = await page.RunAndWaitForRequestAsync(
            () => page.ClickAsync("button[type=submit]"), r => r.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/leads");
        if (javaScriptEnabled)
        {
            // The snippet shows the success in place of the form (the demo form has no thank-you URL of its own).
            await page.Locator(".leadintake-success", new PageLocatorOptions { HasTextString = "Thank you!" }).WaitForAsync();
            Assert.Equal("/api/demo", new Uri(page.Url).AbsolutePath);
        }
        else
        {
            // Wait for the page's content, not a load event: under heavy load Chromium sometimes never reports "load" for a
            // page it has already rendered (WaitForURL then times out on a page that is there).
            await page.Locator("h1", new PageLocatorOptions { HasTextString = "Thank you!" }).WaitForAsync();
            Assert.Equal("/api/thanks", new Uri(page.Url).AbsolutePath);
        }

        // The server rendered the hidden fields; the snippet reused them rather than adding its own.
        var posted = QueryHelpers.ParseQuery(request.PostData);
        foreach (var name in new[] { "formId", "pageUrl", FormTokens.TokenField, SpamCheck.HoneypotField, "_idempotency_key", "utm_source" })
            Assert.True(posted.TryGetValue(name, out var values) && values.Count == 1, $"{name}: {posted.GetValueOrDefault(name)}");
        Assert.Equal("demo", posted["formId"].Single());
        Assert.Equal("", posted[SpamCheck.HoneypotField].Single());
        if (javaScriptEnabled)
            Assert.Equal(posted["_idempotency_key"].Single(), await request.HeaderValueAsync("idempotency-key"));
        Assert.Empty(policyViolations);

        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(leadId), TimeSpan.FromSeconds(30), "the lead row");
        Assert.Equal("Katherine", lead.FirstName);
        Assert.Equal("browser-test", lead.FirstTouchSource);
        Assert.Equal("demo", lead.FormId);
        Assert.True(lead.ContactRequested);
        Assert.True(lead.ConsentMarketing);
    }

    [Fact]
    public async Task DemoPage_Rendered_LabelledFieldsRequiredMarkersConsentWordingAndPrivacyLink()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/demo").AbsoluteUri);

        Assert.True(await page.GetByLabel("Work email").IsVisibleAsync());
        Assert.True(await page.GetByLabel("Company").IsVisibleAsync());
        Assert.Equal(1, await page.Locator("label[for=email] .req").CountAsync());
        Assert.NotNull(await page.GetAttributeAsync("#email", "required"));
        // The fixture's Forms table is empty: the demo form has the built-in wording and no privacy notice of its own.
        Assert.Equal(LeadCaptureOptions.BuiltInConsentText, await page.Locator("label[for=consent_marketing] [data-leadintake-consent]").TextContentAsync());
        Assert.Equal("#privacy", await page.Locator("label[for=consent_marketing] a").GetAttributeAsync("href"));
        Assert.Contains("hash", await page.Locator("#privacy").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal("Book my demo", (await page.Locator("button[type=submit]").TextContentAsync())?.Trim());
        // The honeypot is there for bots only: out of the accessibility tree and the tab order.
        Assert.Equal(1, await page.Locator($"[aria-hidden=true] [name={SpamCheck.HoneypotField}]").CountAsync());
        Assert.Equal("-1", await page.GetAttributeAsync($"[name={SpamCheck.HoneypotField}]", "tabindex"));
    }
}
