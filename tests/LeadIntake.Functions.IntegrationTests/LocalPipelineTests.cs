using System.Net;
using System.Net.Http.Json;
using LeadIntake.Functions.Pipeline;
using LeadIntake.Functions.Pipeline.Entities;
using LeadIntake.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app as run locally: capture, the local queue listener and ProcessLead against Azurite.</summary>
public sealed class LocalPipelineTests(PipelineAppFixture fixture) : IClassFixture<PipelineAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task Capture_ThenLocalListener_WritesLeadAndStageHistory()
    {
        var email = TestSubmissions.UniqueEmail();

        var response = await _client.PostAsJsonAsync("/api/leads", new { email, firstName = "Grace", company = "Contoso", utm_source = "newsletter", utm_medium = "email" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = TestSubmissions.Identity.LeadIdFor(email);
        // The lead row is committed last, after its history rows: once it is there, everything is.
        var lead = await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).SingleOrDefault(), s_timeout, "the Leads row");
        var historyRows = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        var snapshots = await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId);
        Assert.True(historyRows.Count == 1, $"history {historyRows.Count}, snapshots {snapshots.Count}, stage {lead.Stage}, count {lead.SubmissionCount}, ids {lead.RecentSubmissionIds}, firstSeen {lead.FirstSeenAt:O}, now {DateTimeOffset.UtcNow:O}");
        var history = historyRows[0];
        Assert.Equal("Lead", history.ToStage);
        Assert.Equal("Grace", lead.FirstName);
        Assert.Equal("Contoso", lead.Company);
        Assert.Equal("newsletter", lead.FirstTouchSource);
        Assert.Equal(1, lead.SubmissionCount);
        var day = history.At.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(await fixture.RowsAsync<StageChangeByDayEntity>(StorageNames.StageChangesByDayTable, day), row => row.LeadId == leadId);
        Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
    }

    [Fact]
    public async Task Listener_MalformedMessage_PoisonedAfterFiveAttemptsWhileOthersFlow()
    {
        var queue = fixture.Queue(StorageNames.LeadCapturedQueue);
        var malformed = $"{{\"not\":\"a submission {Guid.NewGuid():N}\"}}";
        await queue.SendMessageAsync(malformed);
        var emails = Enumerable.Range(0, 5).Select(_ => TestSubmissions.UniqueEmail("flow")).ToList();
        foreach (var email in emails)
            await queue.SendMessageAsync(TestSubmissions.Message(email));

        var poisoned = await Eventually.GetAsync(
            async () => (await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)).PeekMessagesAsync(32)).Value
                .FirstOrDefault(m => m.MessageText == malformed),
            s_timeout, "the malformed message on the poison queue");

        Assert.Equal(malformed, poisoned.MessageText);
        foreach (var email in emails)
            Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, TestSubmissions.Identity.LeadIdFor(email)));
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.MessageText == malformed);
    }

    [Fact]
    public async Task RunAsync_SameMessageTwice_RowsAndCountsUnchanged()
    {
        var email = TestSubmissions.UniqueEmail();
        var leadId = TestSubmissions.Identity.LeadIdFor(email);
        var message = TestSubmissions.Message(email, ("contactRequested", "true"), ("jobTitle", "CTO"));
        var step = fixture.Factory.Services.GetRequiredService<ProcessLeadStep>();

        var first = await step.RunAsync(message);
        var historyAfterFirst = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        var leadAfterFirst = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        var second = await step.RunAsync(message);

        Assert.False(first.AlreadyProcessed);
        Assert.True(second.AlreadyProcessed);
        var historyAfterSecond = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        Assert.Equal(historyAfterFirst.Select(r => (r.RowKey, r.ToStage)), historyAfterSecond.Select(r => (r.RowKey, r.ToStage)));
        var leadAfterSecond = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(1, leadAfterSecond.SubmissionCount);
        Assert.Equal(leadAfterFirst.ETag, leadAfterSecond.ETag);
        Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
    }

    [Fact]
    public async Task Listener_SameMessageQueuedTwice_ProcessedOnce()
    {
        var email = TestSubmissions.UniqueEmail();
        var leadId = TestSubmissions.Identity.LeadIdFor(email);
        var message = TestSubmissions.Message(email);
        var queue = fixture.Queue(StorageNames.LeadCapturedQueue);

        await queue.SendMessageAsync(message);
        await queue.SendMessageAsync(message);

        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null, s_timeout, "an empty queue");
        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(1, lead.SubmissionCount);
        Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId));
    }

    [Fact]
    public async Task Capture_TenConcurrentSubmissionsOneEmail_SubmissionCountTen()
    {
        var email = TestSubmissions.UniqueEmail("concurrent");
        var leadId = TestSubmissions.Identity.LeadIdFor(email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _client.PostAsJsonAsync("/api/leads", new { email = i % 2 == 0 ? email : email.ToUpperInvariant(), company = $"Company {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var lead = await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).SingleOrDefault(l => l.SubmissionCount == 10),
            s_timeout, "SubmissionCount 10");
        Assert.Equal(10, lead.SubmissionCount);
        var history = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        Assert.Single(history, r => r.ToStage == "Lead");
    }
}
