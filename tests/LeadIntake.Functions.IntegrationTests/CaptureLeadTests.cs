using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Domain.Capture;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>POST /api/leads through the local host and the real worker: content types, validation, limits and answers, with the queue inspected directly.</summary>
public sealed class CaptureLeadTests(CaptureOnlyAppFixture fixture) : IClassFixture<CaptureOnlyAppFixture>, IAsyncLifetime
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
    public async Task Capture_FormUrlEncodedJsonClient_Returns202AndQueuesSubmission()
    {
        var email = FunctionAppFixture.UniqueEmail();
        using var request = JsonClientRequest(new FormUrlEncodedContent([new("email", email), new("first_name", "Ada"), new("utm_source", "google")]));

        var receipt = await AssertAcceptedAsync(await _client.SendAsync(request));

        var submission = await SingleQueuedAsync();
        Assert.Equal(receipt.SubmissionId, submission.SubmissionId);
        Assert.Equal(FunctionAppFixture.Identity.LeadIdFor(email), receipt.LeadId);
        Assert.Equal("Ada", submission.FirstName);
        Assert.Equal("google", submission.Utm.Source);
    }

    [Fact]
    public async Task Capture_Multipart_Returns202AndQueuesSubmission()
    {
        var email = FunctionAppFixture.UniqueEmail();
        using var content = new MultipartFormDataContent { { new StringContent(email), "email" }, { new StringContent("Contoso"), "company" } };
        using var request = JsonClientRequest(content);

        var receipt = await AssertAcceptedAsync(await _client.SendAsync(request));

        var submission = await SingleQueuedAsync();
        Assert.Equal(receipt.SubmissionId, submission.SubmissionId);
        Assert.Equal("Contoso", submission.Company);
    }

    [Fact]
    public async Task Capture_Json_Returns202AndQueuesSubmission()
    {
        var email = FunctionAppFixture.UniqueEmail();

        var response = await _client.PostAsJsonAsync(LeadsPath, new { email, lastName = "Lovelace", contactRequested = true });

        var receipt = await AssertAcceptedAsync(response);
        var submission = await SingleQueuedAsync();
        Assert.Equal(receipt.SubmissionId, submission.SubmissionId);
        Assert.Equal("Lovelace", submission.LastName);
        Assert.True(submission.ContactRequested);
    }

    [Fact]
    public async Task Capture_SameEmailDifferentCase_SameLeadId()
    {
        var email = FunctionAppFixture.UniqueEmail();

        var first = await AssertAcceptedAsync(await _client.PostAsJsonAsync(LeadsPath, new { email }));
        var second = await AssertAcceptedAsync(await _client.PostAsJsonAsync(LeadsPath, new { email = "  " + email.ToUpperInvariant() }));

        Assert.Equal(first.LeadId, second.LeadId);
        Assert.NotEqual(first.SubmissionId, second.SubmissionId);
    }

    [Fact]
    public async Task Capture_SpoofedForwardedFor_QueuesOnlyTheHashOfTheAddressTheFrontEndSaw()
    {
        // The local host, like Azure's front end, appends the caller (here 127.0.0.1) to whatever the client claims.
        using var request = JsonClientRequest(JsonContent.Create(new { email = FunctionAppFixture.UniqueEmail() }));
        request.Headers.Add("X-Forwarded-For", "198.51.100.23:50123, 10.0.0.1");

        await AssertAcceptedAsync(await _client.SendAsync(request));

        var text = Assert.Single(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
        Assert.DoesNotContain("127.0.0.1", text);
        Assert.Equal(FunctionAppFixture.Identity.HashClientIp("127.0.0.1"), LeadSubmissionMessage.Deserialize(text).ClientIpHash);
    }

    [Fact]
    public async Task Capture_MissingAndInvalidFields_Returns400NamingEachField()
    {
        var response = await _client.PostAsJsonAsync(LeadsPath, new { firstName = "Ada", phone = "call me maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("phone", out _), errors.GetRawText());
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Capture_TooManyFields_Returns400AndQueuesNothing()
    {
        var fields = Enumerable.Range(0, 101).Select(i => new KeyValuePair<string, string>($"f{i}", "x")).Prepend(new("email", FunctionAppFixture.UniqueEmail()));
        using var request = JsonClientRequest(new FormUrlEncodedContent(fields));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(LeadSubmissionParser.FormErrorKey, await response.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Capture_BrowserFormPostInvalid_Returns400HtmlPageWithEscapedErrors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent([new("email", "<script>alert(1)</script>")]),
        };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>email</strong>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Capture_BrowserFormPost_Returns303ToThankYouPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent([new("email", FunctionAppFixture.UniqueEmail())]),
        };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/api/thanks?form=default", response.Headers.Location?.OriginalString);
        Assert.Single(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Theory]
    [InlineData("https://www.example.com/thank-you?x=1", "https://www.example.com/thank-you?x=1")]   // origin in AllowedOrigins
    [InlineData("https://evil.example.net/phish", "/api/thanks?form=default")]                                    // other host
    [InlineData("http://www.example.com/thank-you", "/api/thanks?form=default")]                                   // other scheme = other origin
    [InlineData("//www.example.com/x", "/api/thanks?form=default")]                                                // not absolute
    [InlineData("javascript:alert(1)", "/api/thanks?form=default")]
    public async Task Capture_RedirectField_HonouredOnlyForAllowedOrigins(string redirect, string expectedLocation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath)
        {
            Content = new FormUrlEncodedContent([new("email", FunctionAppFixture.UniqueEmail()), new("_redirect", redirect)]),
        };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Capture_UnsupportedContentType_Returns415AndQueuesNothing()
    {
        var response = await _client.PostAsync(LeadsPath, new StringContent("email=a@b.com", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Capture_ContentLengthOverLimit_Returns413AndQueuesNothing()
    {
        var response = await _client.PostAsync(LeadsPath, JsonContent.Create(new { email = FunctionAppFixture.UniqueEmail(), message = new string('x', 33 * 1024) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task Capture_StreamedBodyOverLimitWithoutLength_Returns413()
    {
        var body = Encoding.UTF8.GetBytes("email=a%40contoso.com&message=" + new string('x', 40 * 1024));
        using var content = new UnknownLengthContent(body, "application/x-www-form-urlencoded");

        var response = await _client.PostAsync(LeadsPath, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await fixture.DrainAsync(StorageNames.LeadCapturedQueue));
    }

    [Fact]
    public async Task DemoPage_WithUtmQuery_RendersFormKeepingEscapedUtmFields()
    {
        var html = await _client.GetStringAsync("api/demo?utm_source=news%22letter&utm_campaign=spring&other=1");

        Assert.Contains("action=\"/api/leads\"", html);
        Assert.Contains("method=\"post\"", html);
        Assert.Contains("name=\"utm_source\" value=\"news&quot;letter\"", html);
        Assert.Contains("name=\"utm_campaign\" value=\"spring\"", html);
        Assert.DoesNotContain("name=\"other\"", html);
    }

    [Fact]
    public async Task ThankYouPage_Get_ReturnsHtml()
    {
        var response = await _client.GetAsync("api/thanks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage JsonClientRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LeadsPath) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task<ReceiptBody> AssertAcceptedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var receipt = JsonSerializer.Deserialize<ReceiptBody>(text, JsonSerializerOptions.Web)!;
        Assert.True(LeadIdentity.IsLeadId(receipt.LeadId), receipt.LeadId);
        Assert.True(LeadSubmissionParser.IsSubmissionId(receipt.SubmissionId), receipt.SubmissionId);
        return receipt;
    }

    private async Task<LeadSubmission> SingleQueuedAsync() =>
        LeadSubmissionMessage.Deserialize(Assert.Single(await fixture.DrainAsync(StorageNames.LeadCapturedQueue)));

    private sealed record ReceiptBody(string LeadId, string SubmissionId);
}
