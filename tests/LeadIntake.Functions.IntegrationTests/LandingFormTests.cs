using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Data.Tables;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Storage.Capture;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The capture-only app with form rows in its Forms table, re-read every second.</summary>
public sealed class LandingFormAppFixture : FunctionAppFixture
{
    /// <summary>An origin only the <c>partner</c> form allows.</summary>
    public const string PartnerOrigin = "https://partner.example.org";

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PutFormAsync("partner", new()
        {
            ["AllowedOrigins"] = PartnerOrigin, ["ThankYouUrl"] = PartnerOrigin + "/thanks", ["RequiredFields"] = "company",
            ["DefaultUtmSource"] = "Partner", ["DefaultUtmCampaign"] = "co-marketing", ["ContactRequest"] = true, ["ConsentVersion"] = "partner-2026-11",
        });
        // Typed as Storage Explorer lets a marketer type them: a Boolean and an Int32 column.
        await PutFormAsync("strict", new() { ["RequireToken"] = true });
        await PutFormAsync("work-only", new() { ["DisposableEmails"] = "reject" });
        await PutFormAsync("limited", new() { ["MaxPerAddressPerHour"] = 3 });
        await PutFormAsync("no-throwaways", new() { ["DisposableEmails"] = "spam" });
    }

    /// <summary>Writes (or replaces) a form's row.</summary>
    public Task PutFormAsync(string formId, Dictionary<string, object> columns) =>
        Table(StorageNames.FormsTable).UpsertEntityAsync(new TableEntity(columns) { PartitionKey = formId, RowKey = TableFormSettingsSource.RowKey }, TableUpdateMode.Replace);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new($"AzureWebJobs.{FunctionNames.ProcessLead}.Disabled", "true"),
        new($"{LeadCaptureOptions.SectionName}__FormsRefreshInterval", "00:00:01"),
    ];
}

/// <summary>Landing forms through the local host and the real worker: the registry, CORS, spam, rate limits, idempotency.</summary>
public sealed class LandingFormTests(LandingFormAppFixture fixture) : IClassFixture<LandingFormAppFixture>, IAsyncLifetime
{
    private const string LeadsPath = "api/leads";
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };

    public async Task InitializeAsync() => await fixture.DrainAsync(StorageNames.LeadCapturedQueue);

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_204WithCorsHeadersForThatOriginOnly()
    {
        var response = await _client.SendAsync(Preflight("api/leads?form=partner", LandingFormAppFixture.PartnerOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Equal("POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("Idempotency-Key", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("7200", Header(response, "Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Preflight_OriginTheFormDoesNotAllow_403WithoutCorsHeaders()
    {
        var other = await _client.SendAsync(Preflight("api/leads?form=partner", "https://evil.example.net"));
        var otherForm = await _client.SendAsync(Preflight("api/leads?form=strict", LandingFormAppFixture.PartnerOrigin));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, otherForm.StatusCode);
        Assert.False(otherForm.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_WithoutFormId_AnyFormsOriginPasses()
    {
        var response = await _client.SendAsync(Preflight("api/leads", LandingFormAppFixture.PartnerOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_FromAnOriginTheFormDoesNotAllow_403AndNothingQueued()
    {
        using var json = Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "strict"));
        json.Headers.Add("Origin", LandingFormAppFixture.PartnerOrigin);
        using var browser = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent([new("email", FunctionAppFixture.UniqueEmail()), new("formId", "default")]),
        };
        browser.Headers.Add("Origin", "https://evil.example.net");

        var jsonResponse = await _client.SendAsync(json);
        var browserResponse = await _client.SendAsync(browser);

        Assert.Equal(HttpStatusCode.Forbidden, jsonResponse.StatusCode);
        Assert.Equal("application/problem+json", jsonResponse.Content.Headers.ContentType?.MediaType);
        Assert.False(jsonResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, browserResponse.StatusCode);
        Assert.Contains("may not send the form", await browserResponse.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Post_AllowedOrigin_QueuedWithTheFormsDefaultsAndConsentVersion()
    {
        var email = FunctionAppFixture.UniqueEmail();
        using var request = Post(("email", email), ("formId", "partner"), ("company", "Contoso"), ("consent_marketing", "on"), ("page_url", "https://partner.example.org/ebook"));
        request.Headers.Add("Origin", LandingFormAppFixture.PartnerOrigin);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
        var submission = await SingleQueuedAsync();
        Assert.Equal("partner", submission.FormId);
        Assert.Equal("partner", submission.Utm.Source);
        Assert.Equal("co-marketing", submission.Utm.Campaign);
        Assert.True(submission.ContactRequested);
        Assert.Equal("partner-2026-11", submission.ConsentVersion);
    }

    [Fact]
    public async Task Post_SameOriginAsTheApp_PassesWithoutCorsHeaders()
    {
        using var request = Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "partner"), ("company", "Contoso"));
        request.Headers.Add("Origin", fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        await SingleQueuedAsync();
    }

    [Fact]
    public async Task Post_RequiredFieldOfTheForm_400NamingIt()
    {
        using var request = Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "partner"), ("company", " "));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal("Company is required on this form.", Assert.Single(problem!.Errors!["company"]));
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Theory]
    [InlineData("_hp")]
    [InlineData("_gotcha")]
    [InlineData("website")]
    [InlineData("hp_email")]
    public async Task Post_FilledHoneypot_AnsweredLikeSuccessNeverQueued(string honeypot)
    {
        var email = FunctionAppFixture.UniqueEmail();
        using var request = Post(("email", email), (honeypot, "http://cheap-pills.example"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<ReceiptBody>();
        Assert.Equal(FunctionAppFixture.Identity.LeadIdFor(email), receipt!.LeadId);
        Assert.True(LeadSubmissionParser.IsSubmissionId(receipt.SubmissionId));
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Post_Spam_CountedPerDayFormAndReasonInSpamDaily()
    {
        for (var i = 0; i < 3; i++)
            await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "counted"), ("_hp", "x")));
        await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "counted"), ("last_name", "<b>deals</b>")));

        // The app writes its in-memory counts every 10 seconds.
        var day = SpamDailyEntity.PartitionKeyFor(DateOnly.FromDateTime(DateTime.UtcNow));
        var rows = await Eventually.GetAsync(async () =>
        {
            var found = (await fixture.RowsAsync<SpamDailyEntity>(StorageNames.SpamDailyTable, day)).Where(row => row.Form == "counted").ToList();
            return found.Sum(row => row.Count) == 4 ? found : null;
        }, TimeSpan.FromSeconds(40), "the SpamDaily rows of form 'counted'");

        Assert.Equal(3, rows.Single(row => row.RowKey == SpamDailyEntity.RowKeyFor("counted", SpamReason.Honeypot)).Count);
        Assert.Equal(1, rows.Single(row => row.Reason == SpamReason.LinkInName).Count);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Post_EmptyHoneypots_NeverStoredAsCustomFields()
    {
        using var request = Post(("email", FunctionAppFixture.UniqueEmail()), ("website", ""), ("_gotcha", ""), ("hp_email", " "), ("budget", "10k"));

        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendAsync(request)).StatusCode);

        var submission = await SingleQueuedAsync();
        Assert.Equal(["budget"], submission.CustomFields.Keys);
    }

    [Fact]
    public async Task Post_SpamInBrowserFormPost_303LikeSuccess()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent([new("email", FunctionAppFixture.UniqueEmail()), new("first_name", "Buy at www.pills.example")]),
        };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/api/thanks", response.Headers.Location?.OriginalString);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Post_RenderToken_FastOrForgedOrMissingIsSpamAndAHumanPaceIsQueued()
    {
        var token = (await TokenAsync("strict")).Token;
        var tooFast = await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "strict"), ("_token", token)));
        var forged = await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "strict"), ("_token", token[..^1] + (token[^1] == 'a' ? 'b' : 'a'))));
        var missing = await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "strict")));
        Assert.All([tooFast, forged, missing], response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));

        await Task.Delay(FormTokens.MinimumFillTime + TimeSpan.FromMilliseconds(200));
        var human = await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "strict"), ("_token", token)));

        Assert.Equal(HttpStatusCode.Accepted, human.StatusCode);
        Assert.Equal("strict", (await SingleQueuedAsync()).FormId);
    }

    [Fact]
    public async Task Token_AllowedOrigin_CorsNoStoreAndTheFormsConsent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/forms/partner/token");
        request.Headers.Add("Origin", LandingFormAppFixture.PartnerOrigin);
        using var refused = new HttpRequestMessage(HttpMethod.Get, "api/forms/partner/token");
        refused.Headers.Add("Origin", "https://evil.example.net");

        var response = await _client.SendAsync(request);
        var refusal = await _client.SendAsync(refused);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        var body = await response.Content.ReadFromJsonAsync<FormTokenResponse>();
        Assert.Equal("partner", body!.FormId);
        Assert.Equal("partner-2026-11", body.ConsentVersion);
        Assert.Equal(LeadCaptureOptions.BuiltInConsentText, body.ConsentText);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin + "/thanks", body.ThankYouUrl);
        Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
        Assert.False(refusal.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_OverTheFormsAddressLimit_AnsweredLikeSuccessNotQueued()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            answers.Add((await _client.SendAsync(Post(("email", FunctionAppFixture.UniqueEmail()), ("formId", "limited")))).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.Equal(3, (await fixture.DrainAsync(StorageNames.LeadCapturedQueue)).Count);
    }

    [Fact]
    public async Task Post_DisposableDomain_RejectedOrSpamByTheFormsRule()
    {
        var rejected = await _client.SendAsync(Post(("email", "someone@mailinator.com"), ("formId", "work-only")));
        var spam = await _client.SendAsync(Post(("email", "someone@mailinator.com"), ("formId", "no-throwaways")));
        var allowed = await _client.SendAsync(Post(("email", "someone@mailinator.com"), ("formId", "default")));

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("permanent email address", Assert.Single((await rejected.Content.ReadFromJsonAsync<ProblemBody>())!.Errors!["email"]));
        Assert.Equal(HttpStatusCode.Accepted, spam.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        Assert.Equal("default", (await SingleQueuedAsync()).FormId);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_SameReceiptAndOneSubmissionId()
    {
        var email = FunctionAppFixture.UniqueEmail();
        var key = Guid.NewGuid().ToString();
        using var first = Post(("email", email));
        first.Headers.Add(LeadCaptureHttp.IdempotencyKeyHeader, key);
        using var retry = Post(("email", email), (LeadFieldNames.IdempotencyKey, key));
        using var another = Post(("email", email));
        another.Headers.Add(LeadCaptureHttp.IdempotencyKeyHeader, Guid.NewGuid().ToString());

        var receipts = new List<ReceiptBody>();
        foreach (var request in new[] { first, retry, another })
            receipts.Add((await (await _client.SendAsync(request)).Content.ReadFromJsonAsync<ReceiptBody>())!);

        Assert.Equal(receipts[0], receipts[1]);
        Assert.NotEqual(receipts[0].SubmissionId, receipts[2].SubmissionId);
        var queued = (await fixture.DrainAsync(StorageNames.LeadCapturedQueue)).Select(message => LeadSubmissionMessage.Deserialize(message)).ToList();
        // Both posts are queued under one submission id; ProcessLead merges a submission id once (LeadProcessor's redelivery rule).
        Assert.Equal(2, queued.Count(submission => submission.SubmissionId == receipts[0].SubmissionId));
        Assert.Equal(1, queued.Count(submission => submission.SubmissionId == receipts[2].SubmissionId));
    }

    [Fact]
    public async Task Post_BrowserFormPost_ThankYouUrlOrAllowedRedirect()
    {
        var toThankYou = await _client.SendAsync(BrowserPost(("email", FunctionAppFixture.UniqueEmail()), ("formId", "partner"), ("company", "Contoso")));
        var toRedirect = await _client.SendAsync(BrowserPost(("email", FunctionAppFixture.UniqueEmail()), ("formId", "partner"), ("company", "Contoso"), ("_redirect", "https://partner.example.org/welcome?x=1")));
        var foreignRedirect = await _client.SendAsync(BrowserPost(("email", FunctionAppFixture.UniqueEmail()), ("formId", "partner"), ("company", "Contoso"), ("_redirect", "https://www.example.com/x")));
        var builtIn = await _client.SendAsync(BrowserPost(("email", FunctionAppFixture.UniqueEmail()), ("formId", "default"), ("page_url", "https://www.example.com/landing?utm_source=x")));

        Assert.Equal(LandingFormAppFixture.PartnerOrigin + "/thanks", toThankYou.Headers.Location?.OriginalString);
        Assert.Equal("https://partner.example.org/welcome?x=1", toRedirect.Headers.Location?.OriginalString);
        Assert.Equal(LandingFormAppFixture.PartnerOrigin + "/thanks", foreignRedirect.Headers.Location?.OriginalString);
        Assert.Equal("/api/thanks?form=default&back=" + Uri.EscapeDataString("https://www.example.com/landing?utm_source=x"), builtIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Registry_RowAddedWhileRunning_TakesEffectWithinTheRefreshInterval()
    {
        const string origin = "https://late.example.org";
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(Preflight("api/leads?form=late", origin))).StatusCode);

        await fixture.PutFormAsync("late", new() { ["AllowedOrigins"] = origin });

        var response = await Eventually.GetAsync(async () =>
        {
            var answer = await _client.SendAsync(Preflight("api/leads?form=late", origin));
            return answer.StatusCode == HttpStatusCode.NoContent ? answer : null;
        }, TimeSpan.FromSeconds(15), "the late form's preflight");
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
    }

    private async Task<FormTokenResponse> TokenAsync(string formId) =>
        (await _client.GetFromJsonAsync<FormTokenResponse>($"api/forms/{formId}/token"))!;

    private async Task<LeadSubmission> SingleQueuedAsync() =>
        LeadSubmissionMessage.Deserialize(Assert.Single(await fixture.DrainAsync(StorageNames.LeadCapturedQueue)));

    private static HttpRequestMessage Post(params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static HttpRequestMessage BrowserPost(params (string Name, string Value)[] fields) => new(HttpMethod.Post, LeadsPath)
    {
        Content = new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))),
    };

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, idempotency-key");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    private sealed record ReceiptBody(string LeadId, string SubmissionId);

    private sealed record ProblemBody(Dictionary<string, string[]>? Errors);
}
