using System.Net;
using System.Text;
using System.Text.Json;
using LeadIntake.Functions.Pipeline.Entities;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The custom-handler protocol: the host's <c>POST /ProcessLead</c> invocation in both payload encodings.</summary>
public sealed class PipelineTriggerTests(CaptureAppFixture fixture) : IClassFixture<CaptureAppFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task ProcessLead_DocsPayload_Returns200WithOutputsAndWritesLead()
    {
        var email = TestSubmissions.UniqueEmail();
        var message = TestSubmissions.Message(email);
        // The documentation's shape: the message text as a plain JSON string, DequeueCount a number.
        var payload = $$"""
            { "Data": { "message": {{JsonSerializer.Serialize(message)}} },
              "Metadata": { "DequeueCount": 1, "Id": "5c61b624-567e-433e-a28c-8b044430f087", "PopReceipt": "AgAAAAMAAAAAAAAA",
                            "sys": { "MethodName": "ProcessLead", "UtcNow": "2026-11-22T10:00:00Z", "RandGuid": "x" } } }
            """;

        await AssertInvocationSucceededAsync(await PostAsync(payload));

        await AssertLeadWrittenAsync(email);
    }

    [Fact]
    public async Task ProcessLead_HostSourcePayload_Returns200WithOutputsAndWritesLead()
    {
        var email = TestSubmissions.UniqueEmail();
        var message = TestSubmissions.Message(email);
        // The host source's shape: every string serialised a second time, DequeueCount a string.
        var payload = $$"""
            { "Data": { "message": {{JsonSerializer.Serialize(JsonSerializer.Serialize(message))}} },
              "Metadata": { "DequeueCount": "1", "Id": "\"5c61b624-567e-433e-a28c-8b044430f087\"", "PopReceipt": "\"AgAAAAMAAAAAAAAA\"",
                            "InsertionTime": "2026-11-22T10:00:00+00:00", "sys": { "MethodName": "ProcessLead" } } }
            """;

        await AssertInvocationSucceededAsync(await PostAsync(payload));

        await AssertLeadWrittenAsync(email);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\":999}")]
    [InlineData("{}")]
    public async Task ProcessLead_MalformedMessage_ReturnsNon2xx(string message)
    {
        var payload = $$"""{ "Data": { "message": {{JsonSerializer.Serialize(message)}} }, "Metadata": { "DequeueCount": "1" } }""";

        var response = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task ProcessLead_MissingBinding_ReturnsNon2xx()
    {
        var response = await PostAsync("""{ "Data": { "other": "x" }, "Metadata": {} }""");

        Assert.False(response.IsSuccessStatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string payload) =>
        _client.PostAsync("/ProcessLead", new StringContent(payload, Encoding.UTF8, "application/json"));

    private static async Task AssertInvocationSucceededAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.NotEmpty(body.RootElement.GetProperty("Logs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    private async Task AssertLeadWrittenAsync(string email)
    {
        var leadId = TestSubmissions.Identity.LeadIdFor(email);
        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(email, lead.Email);
        Assert.Equal(1, lead.SubmissionCount);
        var history = Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId));
        Assert.Equal("Lead", history.ToStage);
    }
}
