using LeadIntake.Storage.Leads;
using LeadIntake.Storage;
using Microsoft.Playwright;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A real browser fills the demo form, with and without JavaScript, and the lead reaches the Leads table.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DemoPageBrowserTests(PipelineAppFixture fixture) : HeadlessChromiumTest
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoForm_FilledAndSubmitted_ThankYouPageAndLeadRow(bool javaScriptEnabled)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScriptEnabled });
        // Generous: the first launch of the browser on a busy two-core machine can take many seconds.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var email = FunctionAppFixture.UniqueEmail(javaScriptEnabled ? "js" : "nojs");

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/demo?utm_source=browser-test&utm_medium=cpc&utm_campaign=spring").AbsoluteUri);
        await page.FillAsync("#email", email);
        await page.FillAsync("#first_name", "Katherine");
        await page.FillAsync("#company", "Contoso");
        await page.CheckAsync("input[name=contact_requested]");
        await page.ClickAsync("button[type=submit]");
        // Wait for the page's content, not a load event: under heavy load Chromium sometimes never reports "load" for a
        // page it has already rendered (WaitForURL then times out on a page that is there).
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "Thank you!" }).WaitForAsync();

        Assert.Equal("/api/thanks", new Uri(page.Url).AbsolutePath);
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(leadId), TimeSpan.FromSeconds(30), "the lead row");
        Assert.Equal("Katherine", lead.FirstName);
        Assert.Equal("browser-test", lead.FirstTouchSource);
        Assert.True(lead.ContactRequested);
    }
}
