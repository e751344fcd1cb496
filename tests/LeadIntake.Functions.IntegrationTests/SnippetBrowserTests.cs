using System.Text.Json;
using LeadIntake.Domain.Forms;
using LeadIntake.Storage.Leads;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// The snippet in a real browser, on a landing page served by another origin (<see cref="LandingSite"/>) than the function
/// app: success with first-touch UTM, the server's field errors inline, first touch kept across visits, the honeypot, and
/// a CORS refusal that falls back to a plain post the server refuses.
/// </summary>
[Collection(LandingSiteCollection.Name)]
public sealed class SnippetBrowserTests(LandingSiteAppFixture fixture) : HeadlessChromiumTest
{
    private const string SuccessMessage = "Thank you! We'll be in touch soon.";
    private static readonly TimeSpan s_leadTimeout = TimeSpan.FromSeconds(30);

    // A person needs at least FormTokens.MinimumFillTime between the token and the submit; faster is spam (answered 202, not stored).
    private static readonly TimeSpan s_humanPause = FormTokens.MinimumFillTime + TimeSpan.FromMilliseconds(500);

    private LandingSite Site => fixture.Site;

    [Fact]
    public async Task Submit_FromAllowedOrigin_ShowsSuccessAndStoresLeadWithFirstTouchUtm()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var email = FunctionAppFixture.UniqueEmail("snippet");

        var tokenResponse = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync($"{Site.AllowedOrigin}/landing?utm_source=spring-ads&utm_medium=cpc&utm_campaign=launch"),
            response => response.Url.Contains("/token", StringComparison.Ordinal));
        await WaitForTokenAsync(page);
        Assert.Equal(200, tokenResponse.Status);
        using var token = JsonDocument.Parse(await tokenResponse.TextAsync());
        await AssertConsentAsShippedAsync(page, token.RootElement);
        await page.FillAsync("#email", email);
        await page.FillAsync("#first_name", "Ada");
        await page.FillAsync("#company", "Contoso");
        await Task.Delay(s_humanPause);
        var posts = 0;
        page.Request += (_, sent) => posts += IsLeadPost(sent) ? 1 : 0;
        // A double click: the button is disabled while the first post is on its way, so there is one post.
        var request = await page.RunAndWaitForRequestAsync(() => page.DblClickAsync("button[type=submit]"), IsLeadPost);
        await page.Locator(".leadintake-success", new PageLocatorOptions { HasTextString = SuccessMessage }).WaitForAsync();

        Assert.Equal(1, posts);
        var posted = QueryHelpers.ParseQuery(request.PostData);
        Assert.Equal(token.RootElement.GetProperty("token").GetString(), posted[FormTokens.TokenField].Single());
        Assert.Equal(LandingSite.FormId, posted["formId"].Single());
        Assert.Equal("", posted[SpamCheck.HoneypotField].Single());
        Assert.Equal("spring-ads", posted["utm_source"].Single());
        Assert.Equal($"{Site.AllowedOrigin}/landing?utm_source=spring-ads&utm_medium=cpc&utm_campaign=launch", posted["pageUrl"].Single());
        Assert.Equal(await request.HeaderValueAsync("idempotency-key"), posted["_idempotency_key"].Single());
        Assert.True(Guid.TryParse(posted["_idempotency_key"].Single(), out _));

        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)), s_leadTimeout, "the lead row");
        Assert.Equal("Ada", lead.FirstName);
        Assert.Equal("Contoso", lead.Company);
        Assert.Equal(LandingSite.FormId, lead.FormId);
        Assert.Equal("spring-ads", lead.FirstTouchSource);
        Assert.Equal("cpc", lead.FirstTouchMedium);
        Assert.Equal("launch", lead.FirstTouchCampaign);
        Assert.DoesNotContain(SpamCheck.HoneypotField, lead.CustomFields ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_EmailTheServerRejects_ShowsItsErrorNextToTheEmailInputThenSucceedsWhenFixed()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var email = FunctionAppFixture.UniqueEmail("fixed");
        await page.GotoAsync($"{Site.AllowedOrigin}/landing");
        await WaitForTokenAsync(page);
        // The browser's type=email check lets "name@host" through; the server wants a domain with a dot.
        await page.FillAsync("#email", "katherine@contoso");
        await Task.Delay(s_humanPause);

        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => IsLeadPost(r.Request));
        var error = page.Locator("#email + .leadintake-error");
        await error.WaitForAsync();

        Assert.Equal(400, response.Status);
        Assert.Equal("Enter a valid email address, like name@example.com.", await error.TextContentAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#email", "aria-invalid"));
        Assert.Equal(await error.GetAttributeAsync("id"), await page.GetAttributeAsync("#email", "aria-describedby"));
        Assert.True(await page.Locator("button[type=submit]").IsEnabledAsync());
        Assert.Equal(0, await page.Locator(".leadintake-errors").CountAsync());

        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]");
        await page.Locator(".leadintake-success", new PageLocatorOptions { HasTextString = SuccessMessage }).WaitForAsync();
        Assert.Equal(0, await page.Locator(".leadintake-error").CountAsync());
        await Eventually.GetAsync(async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)), s_leadTimeout, "the lead row");
    }

    [Fact]
    public async Task Submit_SecondVisitWithOtherUtm_KeepsTheFirstVisitsTouch()
    {
        await using var context = await NewContextAsync();
        var email = FunctionAppFixture.UniqueEmail("twice");
        var first = await context.NewPageAsync();
        await first.GotoAsync($"{Site.AllowedOrigin}/landing?utm_source=a&utm_medium=email&utm_campaign=first");
        await WaitForTokenAsync(first);
        await first.CloseAsync();

        var second = await context.NewPageAsync();
        await second.GotoAsync($"{Site.AllowedOrigin}/landing?utm_source=b&utm_medium=cpc&utm_campaign=second");
        await WaitForTokenAsync(second);
        await second.FillAsync("#email", email);
        await Task.Delay(s_humanPause);
        var request = await second.RunAndWaitForRequestAsync(() => second.ClickAsync("button[type=submit]"), IsLeadPost);
        await second.Locator(".leadintake-success", new PageLocatorOptions { HasTextString = SuccessMessage }).WaitForAsync();

        var posted = QueryHelpers.ParseQuery(request.PostData);
        Assert.Equal("a", posted["utm_source"].Single());
        Assert.Equal($"{Site.AllowedOrigin}/landing?utm_source=b&utm_medium=cpc&utm_campaign=second", posted["pageUrl"].Single());
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)), s_leadTimeout, "the lead row");
        Assert.Equal("a", lead.FirstTouchSource);
        Assert.Equal("email", lead.FirstTouchMedium);
        Assert.Equal("first", lead.FirstTouchCampaign);
    }

    [Fact]
    public async Task Submit_HoneypotFilled_ShowsSuccessButNoLeadEverAppears()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var spamEmail = FunctionAppFixture.UniqueEmail("bot");
        await page.GotoAsync($"{Site.AllowedOrigin}/landing");
        await WaitForTokenAsync(page);
        var trap = page.Locator($"[name={SpamCheck.HoneypotField}]");
        Assert.Equal("-1", await trap.GetAttributeAsync("tabindex"));
        Assert.Equal("off", await trap.GetAttributeAsync("autocomplete"));
        Assert.Equal(1, await page.Locator($"[aria-hidden=true] [name={SpamCheck.HoneypotField}]").CountAsync());
        await page.FillAsync("#email", spamEmail);
        // What a bot does: fill every input it finds, the invisible one too.
        await trap.EvaluateAsync("input => { input.value = 'https://cheap-pills.example'; }");
        await Task.Delay(s_humanPause);

        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => IsLeadPost(r.Request));
        await page.Locator(".leadintake-success", new PageLocatorOptions { HasTextString = SuccessMessage }).WaitForAsync();
        var spamAnsweredAt = DateTime.UtcNow;
        Assert.Equal(202, response.Status);

        // A person's lead sent after the bot's reaches the table; by then, and a few seconds on, the bot's has not.
        var person = FunctionAppFixture.UniqueEmail("person");
        var other = await context.NewPageAsync();
        await other.GotoAsync($"{Site.AllowedOrigin}/landing");
        await WaitForTokenAsync(other);
        await other.FillAsync("#email", person);
        await Task.Delay(s_humanPause);
        await other.ClickAsync("button[type=submit]");
        await Eventually.GetAsync(async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(person)), s_leadTimeout, "the person's lead");
        var settle = spamAnsweredAt + TimeSpan.FromSeconds(5) - DateTime.UtcNow;
        if (settle > TimeSpan.Zero)
            await Task.Delay(settle);
        Assert.Null(await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(spamEmail)));
    }

    [Fact]
    public async Task Submit_FromOriginNoFormAllows_FetchFailsPlainPostIsRefusedAndNothingStored()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var email = FunctionAppFixture.UniqueEmail("refused");
        await page.GotoAsync($"{Site.RefusedOrigin}/landing");
        await page.FillAsync("#email", email);
        await Task.Delay(s_humanPause);

        // The fetch's preflight is refused (no CORS headers), so the snippet posts the form itself: a navigation.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button[type=submit]"), r => IsLeadPost(r.Request) && r.Request.IsNavigationRequest);

        Assert.Equal(403, response.Status);
        Assert.Equal(new Uri(fixture.Host.BaseAddress, $"api/leads?form={LandingSite.FormId}").AbsoluteUri, response.Url);
        var posted = QueryHelpers.ParseQuery(response.Request.PostData);
        Assert.Equal(LandingSite.FormId, posted["formId"].Single());
        Assert.Equal("", posted[SpamCheck.HoneypotField].Single());
        Assert.True(Guid.TryParse(posted["_idempotency_key"].Single(), out _));
        Assert.Equal($"{Site.RefusedOrigin}/landing", posted["pageUrl"].Single());
        Assert.Equal(0, await page.Locator(".leadintake-success").CountAsync());
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Null(await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)));
    }

    [Fact]
    public async Task Focus_TokenOlderThanTwelveHours_RenewsItAndPostsTheRenewedToken()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync($"{Site.AllowedOrigin}/landing");
        await WaitForTokenAsync(page);
        var first = await page.InputValueAsync($"[name={FormTokens.TokenField}]");

        // The page stays open overnight; the visitor comes back to the form.
        await page.Clock.FastForwardAsync("13:00:00");
        var renewal = await page.RunAndWaitForResponseAsync(() => page.FocusAsync("#email"), r => r.Url.Contains("/token?renew=", StringComparison.Ordinal));

        Assert.Equal(200, renewal.Status);
        Assert.Equal(new Uri(fixture.Host.BaseAddress, $"api/forms/{LandingSite.FormId}/token?renew={Uri.EscapeDataString(first)}").AbsoluteUri, renewal.Url);
        using var body = JsonDocument.Parse(await renewal.TextAsync());
        var renewed = body.RootElement.GetProperty("token").GetString();
        await page.WaitForFunctionAsync($"expected => document.querySelector('[name={FormTokens.TokenField}]').value === expected", renewed);
        Assert.NotEqual(first, renewed);
        // Renewal keeps the render time and nonce (v1.{renderedAt}.{issuedAt}.{nonce}.{mac}).
        Assert.Equal(first.Split('.')[1], renewed!.Split('.')[1]);
        Assert.Equal(first.Split('.')[3], renewed.Split('.')[3]);
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync();
        // Generous: the first launch of the browser on a busy two-core machine can take many seconds.
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private bool IsLeadPost(IRequest request) =>
        request.Method == "POST" && request.Url.StartsWith(new Uri(fixture.Host.BaseAddress, "api/leads").AbsoluteUri, StringComparison.Ordinal);

    // The snippet has put the render token it fetched into the form.
    private static Task WaitForTokenAsync(IPage page) =>
        page.WaitForFunctionAsync($"() => !!document.querySelector('#signup [name={FormTokens.TokenField}]')?.value");

    // The consent element holds the form's consent text as text, and a link to its privacy notice when it has one.
    private static async Task AssertConsentAsShippedAsync(IPage page, JsonElement token)
    {
        var consent = page.Locator("[data-leadintake-consent]");
        var text = token.GetProperty("consentText").GetString();
        var url = token.GetProperty("consentUrl").GetString();
        if (text is null)
        {
            Assert.Equal("", await consent.TextContentAsync());
            return;
        }

        Assert.Equal(url is null ? text : $"{text} Privacy notice", await consent.TextContentAsync());
        Assert.Equal(url is null ? 0 : 1, await consent.Locator("a").CountAsync());
        if (url is not null)
            Assert.Equal(url, await consent.Locator("a").GetAttributeAsync("href"));
    }
}
