using System.Net;
using System.Net.Http.Json;
using LeadIntake.Domain.Capture;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A lead posted while the <c>lead-captured</c> queue does not exist (first seconds after start-up, or deleted).</summary>
public sealed class CaptureQueueMissingTests(CaptureAppFixture fixture) : IClassFixture<CaptureAppFixture>
{
    [Fact]
    public async Task Capture_QueueMissing_CreatesQueueAndReturns202()
    {
        var queue = fixture.Queue(StorageNames.LeadCapturedQueue);
        await queue.DeleteIfExistsAsync();
        using var client = fixture.Factory.CreateClient();
        var email = TestSubmissions.UniqueEmail();

        var response = await client.PostAsJsonAsync("/api/leads", new { email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submission = LeadSubmissionMessage.Deserialize(Assert.Single(await fixture.DrainAsync(StorageNames.LeadCapturedQueue)));
        Assert.Equal(email, submission.Email);
    }
}
