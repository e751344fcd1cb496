using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Testing;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>With storage unreachable, capture answers 503 + Retry-After, never 202, and the trigger fails.</summary>
public sealed class StorageDownTests : IDisposable
{
    private readonly LeadIntakeAppFactory _factory = new(AzuriteFixture.CreateUnreachableConnectionString(), localQueueListener: false);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Capture_StorageUnreachable_Returns503WithRetryAfter()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/leads", new { email = TestSubmissions.UniqueEmail() });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
    }

    [Fact]
    public async Task ProcessLead_StorageUnreachable_ReturnsNon2xx()
    {
        using var client = _factory.CreateClient();
        var payload = new { Data = new Dictionary<string, string> { ["message"] = TestSubmissions.Message(TestSubmissions.UniqueEmail()) }, Metadata = new { DequeueCount = 1 } };

        var response = await client.PostAsync("/ProcessLead", JsonContent.Create(payload, options: new JsonSerializerOptions()));

        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }
}
