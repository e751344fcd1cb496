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
