using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Inputs that once gave a 500 or a 202 that was never stored, through the local host and the real worker.</summary>
[Collection(PipelineCollection.Name)]
public sealed class HostileInputTests(PipelineAppFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Capture_TwentyCustomFieldsOfThousandAngleBrackets_AcceptedAndStored()
    {
        // The worst that capture accepts for HTML-looking text: JSON's default encoder would write each '<' as \u003C and
        // take the CustomFields column past a table property's 32K characters (PropertyValueTooLarge, then poison).
        var email = FunctionAppFixture.UniqueEmail("brackets");
        using var form = new MultipartFormDataContent { { new StringContent(email), "email" } };
        for (var i = 0; i < 20; i++)
            form.Add(new StringContent(new string('<', 1000)), $"field{i}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/leads") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await fixture.Host.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var lead = await LeadAsync(email);
        // Azurite does not enforce Azure's property limit, so check it here: 32,768 UTF-16 characters (64 KiB).
        Assert.True(lead.CustomFields!.Length <= 32 * 1024, $"{lead.CustomFields.Length} characters");
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(lead.CustomFields)!;
        Assert.Equal(20, fields.Count);
        Assert.All(fields.Values, value => Assert.Equal(new string('<', 1000), value));
    }

    [Fact]
    public async Task Capture_ThreeSubmissionsOfTwentyLongFields_MergedProfileStoredWithTheNewestFields()
    {
        var email = FunctionAppFixture.UniqueEmail("merged");
        for (var submission = 0; submission < 3; submission++)
        {
            var fields = Enumerable.Range(0, 20).ToDictionary(i => $"s{submission}f{i}", _ => new string((char)('a' + submission), 1000));
            fields["email"] = email;
            var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", fields);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)) is { SubmissionCount: 3 } lead ? lead : null,
            s_timeout, "all three submissions merged");
        Assert.True(lead.CustomFields!.Length <= 32 * 1024, $"{lead.CustomFields.Length} characters"); // Azure's property limit
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(lead.CustomFields)!;
        Assert.NotEmpty(stored);
        Assert.All(stored.Values, value => Assert.Equal(1000, value.Length));
        Assert.DoesNotContain((await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)).PeekMessagesAsync(32)).Value,
            m => m.MessageText.Contains(email, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lone surrogate", "application/json", "{\"email\":\"a@contoso.com\",\"firstName\":\"\\ud800\"}")]
    [InlineData("not an object", "application/json", "[1,2,3]")]
    [InlineData("truncated JSON", "application/json", "{\"email\":\"a@conto")]
    public async Task Capture_UnreadableJson_Returns400Problem(string what, string contentType, string body)
    {
        var response = await fixture.Host.Client.PostAsync("api/leads", new StringContent(body, Encoding.UTF8, contentType));

        await AssertBadRequestProblemAsync(response, what);
    }

    [Fact]
    public async Task Capture_InvalidUtf8InsideJson_Returns400Problem()
    {
        var body = new ByteArrayContent([.. "{\"email\":\"a@contoso.com\",\"company\":\"A"u8, 0xFF, 0xFE, .. "\"}"u8]);
        body.Headers.ContentType = new("application/json");

        await AssertBadRequestProblemAsync(await fixture.Host.Client.PostAsync("api/leads", body), "invalid UTF-8");
    }

    [Fact]
    public async Task Capture_MultipartBoundaryOver4KB_Returns400Problem()
    {
        var boundary = new string('b', 5000);
        var body = new StringContent($"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@contoso.com\r\n--{boundary}--\r\n");
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");

        await AssertBadRequestProblemAsync(await fixture.Host.Client.PostAsync("api/leads", body), "long boundary");
    }

    [Fact]
    public async Task Capture_ChunkedBodyWithOverflowingChunkSize_Answers400NoStackTrace()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = "POST /api/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "FFFFFFFFFFFFFFFFFFFF\r\n{\"email\":\"a@contoso.com\"}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(s_timeout);
        var rest = await ReadAvailableAsync(reader);

        Assert.StartsWith("HTTP/1.1 400", statusLine);
        Assert.DoesNotContain("   at ", rest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/activities", "{\"id\":\"\\ud800\",\"email\":\"a@contoso.com\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\"}")]
    [InlineData("api/activities", "{\"id\":\"e-1\",\"email\":\"a@contoso.com\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\",\"properties\":{\"a\":\"\\udfff\"}}")]
    [InlineData("api/leads/ld_zzzzzzzzzzzzzzzzzzzzzzzzzz/sales-events", "{\"id\":\"\\udfff\",\"type\":\"contact_attempt\",\"actor\":\"crm\"}")]
    public async Task JsonApi_LoneSurrogateEscape_Returns400Problem(string path, string body)
    {
        // Found by the hardening suite: JsonDocument parses "\ud800" and only GetString() throws, which was a 500.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", fixture.Host.FunctionKey);

        await AssertBadRequestProblemAsync(await fixture.Host.Client.SendAsync(request), path);
    }

    [Fact]
    public async Task JsonApi_InvalidUtf8_Returns400Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/activities")
        {
            Content = new ByteArrayContent([.. "{\"id\":\"e-1\",\"email\":\"a@contoso.com\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\",\"properties\":{\"a\":\"\""u8, 0xFF, .. "\"}}"u8]),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("x-functions-key", fixture.Host.FunctionKey);

        await AssertBadRequestProblemAsync(await fixture.Host.Client.SendAsync(request), "invalid UTF-8");
    }

    [Theory]
    [InlineData("bad chunk size", "Transfer-Encoding: chunked\r\n", "zz\r\n{\"email\":\"a@contoso.com\"}\r\n0\r\n\r\n", 400)]
    [InlineData("a header that is not ASCII", "Content-Length: 25\r\nX-Name: Müller\r\n", "{\"email\":\"a@contoso.com\"}", 400)]
    [InlineData("95 headers", "Content-Length: 25\r\n" + Headers95, "{\"email\":\"a@contoso.com\"}", 431)]
    public async Task Capture_RequestTheWorkerNeverSees_AnsweredAndClosedPromptly(string what, string headers, string body, int status)
    {
        // Found by the hardening suite: the host waited up to 30 s for an invocation whose request never reached the
        // worker (a broken chunked body, a header the forward cannot send, more headers than the worker allows).
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST /api/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n{headers}\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)); // to the server's close

        Assert.True(answer.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{what}: {answer}");
        Assert.DoesNotContain("   at ", answer, StringComparison.Ordinal);
    }

    private const string Headers95 =
        "X-A0: 0\r\nX-A1: 1\r\nX-A2: 2\r\nX-A3: 3\r\nX-A4: 4\r\nX-A5: 5\r\nX-A6: 6\r\nX-A7: 7\r\nX-A8: 8\r\nX-A9: 9\r\n"
        + "X-B0: 0\r\nX-B1: 1\r\nX-B2: 2\r\nX-B3: 3\r\nX-B4: 4\r\nX-B5: 5\r\nX-B6: 6\r\nX-B7: 7\r\nX-B8: 8\r\nX-B9: 9\r\n"
        + "X-C0: 0\r\nX-C1: 1\r\nX-C2: 2\r\nX-C3: 3\r\nX-C4: 4\r\nX-C5: 5\r\nX-C6: 6\r\nX-C7: 7\r\nX-C8: 8\r\nX-C9: 9\r\n"
        + "X-D0: 0\r\nX-D1: 1\r\nX-D2: 2\r\nX-D3: 3\r\nX-D4: 4\r\nX-D5: 5\r\nX-D6: 6\r\nX-D7: 7\r\nX-D8: 8\r\nX-D9: 9\r\n"
        + "X-E0: 0\r\nX-E1: 1\r\nX-E2: 2\r\nX-E3: 3\r\nX-E4: 4\r\nX-E5: 5\r\nX-E6: 6\r\nX-E7: 7\r\nX-E8: 8\r\nX-E9: 9\r\n"
        + "X-F0: 0\r\nX-F1: 1\r\nX-F2: 2\r\nX-F3: 3\r\nX-F4: 4\r\nX-F5: 5\r\nX-F6: 6\r\nX-F7: 7\r\nX-F8: 8\r\nX-F9: 9\r\n"
        + "X-G0: 0\r\nX-G1: 1\r\nX-G2: 2\r\nX-G3: 3\r\nX-G4: 4\r\nX-G5: 5\r\nX-G6: 6\r\nX-G7: 7\r\nX-G8: 8\r\nX-G9: 9\r\n"
        + "X-H0: 0\r\nX-H1: 1\r\nX-H2: 2\r\nX-H3: 3\r\nX-H4: 4\r\nX-H5: 5\r\nX-H6: 6\r\nX-H7: 7\r\nX-H8: 8\r\nX-H9: 9\r\n"
        + "X-I0: 0\r\nX-I1: 1\r\nX-I2: 2\r\nX-I3: 3\r\nX-I4: 4\r\nX-I5: 5\r\nX-I6: 6\r\nX-I7: 7\r\nX-I8: 8\r\nX-I9: 9\r\n"
        + "X-J0: 0\r\nX-J1: 1\r\nX-J2: 2\r\nX-J3: 3\r\nX-J4: 4\r\n";

    private async Task<LeadEntity> LeadAsync(string email) => await Eventually.GetAsync(
        async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)),
        s_timeout, "the Leads row");

    private static async Task AssertBadRequestProblemAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<string> ReadAvailableAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, timeout.Token)) > 0)
                text.Append(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            // The server keeps the connection open: what arrived is enough.
        }

        return text.ToString();
    }
}
