using System.Net;
using System.Net.Http.Json;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Capture → queue → ProcessLead → tables, through the local host and the real worker against Azurite.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineTests(PipelineAppFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Capture_ThenQueueTrigger_WritesLeadAndStageHistory()
    {
        var email = FunctionAppFixture.UniqueEmail();

        var response = await Client.PostAsJsonAsync("api/leads", new { email, firstName = "Grace", company = "Contoso", utm_source = "newsletter", utm_medium = "email" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        // The lead row is committed last, after its history rows: once it is there, everything is.
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(leadId), s_timeout, "the Leads row");
        var history = Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId));
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
    public async Task QueueTrigger_MalformedMessage_PoisonedAfterFiveAttemptsWhileOthersFlow()
    {
        var queue = fixture.Queue(StorageNames.LeadCapturedQueue);
        var malformed = $"{{\"not\":\"a submission {Guid.NewGuid():N}\"}}";
        await queue.SendMessageAsync(malformed);
        var emails = Enumerable.Range(0, 5).Select(_ => FunctionAppFixture.UniqueEmail("flow")).ToList();
        foreach (var email in emails)
            await queue.SendMessageAsync(FunctionAppFixture.Message(email));

        var poisoned = await Eventually.GetAsync(
            async () => (await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)).PeekMessagesAsync(32)).Value
                .FirstOrDefault(m => m.MessageText == malformed),
            s_timeout, "the malformed message on the poison queue");

        Assert.Equal(malformed, poisoned.MessageText);
        foreach (var email in emails)
        {
            await Eventually.GetAsync(
                async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)),
                s_timeout, $"the lead of {email}");
        }

        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.MessageText == malformed);
        Assert.Contains($"was moved to {StorageNames.PoisonQueueFor(StorageNames.LeadCapturedQueue)}", fixture.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueTrigger_SameMessageQueuedTwice_ProcessedOnce()
    {
        var email = FunctionAppFixture.UniqueEmail("twice");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        var message = FunctionAppFixture.Message(email);
        var queue = fixture.Queue(StorageNames.LeadCapturedQueue);

        await queue.SendMessageAsync(message);
        await queue.SendMessageAsync(message);

        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null, s_timeout, "an empty queue");
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(leadId), s_timeout, "the Leads row");
        Assert.Equal(1, lead.SubmissionCount);
        Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId));
        Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
    }

    [Fact]
    public async Task Capture_TenConcurrentSubmissionsOneEmail_SubmissionCountTen()
    {
        var email = FunctionAppFixture.UniqueEmail("concurrent");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Client.PostAsJsonAsync("api/leads", new { email = i % 2 == 0 ? email : email.ToUpperInvariant(), company = $"Company {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var lead = await Eventually.GetAsync(
            async () => await fixture.LeadAsync(leadId) is { SubmissionCount: 10 } lead ? lead : null,
            s_timeout, "SubmissionCount 10");
        Assert.Equal(10, lead.SubmissionCount);
        Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId), r => r.ToStage == "Lead");
    }

    [Fact]
    public async Task QueueTrigger_HandoffSendFails_HostRetriesAndTheHandoffIsSentOnce()
    {
        var email = FunctionAppFixture.UniqueEmail("handoff");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        var handoffs = fixture.Queue(StorageNames.SalesHandoffQueue);
        await handoffs.DeleteIfExistsAsync();

        // A hot lead (points-v1: 80 ≥ SQL 70) while the hand-off queue is gone: the commit succeeds, the send fails.
        var response = await Client.PostAsJsonAsync("api/leads", new { email, contactRequested = true, formId = "demo", jobTitle = "Chief Executive Officer" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outbox = await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<SalesHandoffOutboxEntity>(StorageNames.LeadsTable, leadId))
                .SingleOrDefault(r => r.RowKey.StartsWith(SalesHandoffOutboxEntity.RowKeyPrefix, StringComparison.Ordinal)),
            s_timeout, "the hand-off in the lead's outbox");
        await handoffs.CreateAsync();

        var sent = await Eventually.GetAsync(async () => (await handoffs.PeekMessagesAsync(32)).Value.SingleOrDefault(), s_timeout, "the hand-off on sales-handoff");
        Assert.Contains(outbox.HandoffId, sent.MessageText, StringComparison.Ordinal);
        await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).Count == 1 ? "" : null, s_timeout, "the outbox row cleared");
        Assert.Equal("SQL", Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).Stage);
        Assert.Single((await handoffs.PeekMessagesAsync(32)).Value);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
    }
}
