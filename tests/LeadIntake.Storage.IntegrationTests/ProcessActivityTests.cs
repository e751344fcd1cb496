using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Activities;
using LeadIntake.Storage.Activities;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>ProcessActivity on the LeadActivities timeline and the Leads table against Azurite: replays change nothing, unknown leads write nothing.</summary>
public sealed class ProcessActivityTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private T Get<T>() where T : notnull => fixture.Services.GetRequiredService<T>();

    private ProcessActivity Activity(TimeProvider time) => new(
        Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<HandoffSender>(), Get<IQualificationPolicyProvider>(), time);

    [Fact]
    public async Task RunAsync_ReplayedMessage_NoPointsNoStageChangeNoSecondHandoff()
    {
        var email = StorageFixture.UniqueEmail("replay");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        // Corporate CTO without a contact request: fit 30 (corporate 10 + C-level 20) stays Lead; the form submission is 20 engagement.
        Assert.Equal("Lead", (await Get<ProcessLead>().RunAsync(StorageFixture.Submission(email, ("jobTitle", "CTO")), CancellationToken.None)).Stage);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        var time = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var at = time.GetUtcNow();
        var message = new LeadActivityMessage(LeadActivityMessage.CurrentVersion, $"batch-{Guid.NewGuid():N}", leadId, at,
        [
            new LeadActivity($"ev-{Guid.NewGuid():N}", "demo_request", at, new Dictionary<string, string>()),
            new LeadActivity($"ev-{Guid.NewGuid():N}", "email_open", at, new Dictionary<string, string> { ["campaign"] = "spring" }),
        ]);

        var first = await Activity(time).RunAsync(message, CancellationToken.None);
        var leadAfterFirst = await LeadAsync(leadId);
        var historyAfterFirst = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        var replay = await Activity(time).RunAsync(message, CancellationToken.None);

        // asked-for-demo is the SQL fast track; engagement = form 20 + demo_request 40 + email_open 5.
        Assert.Equal((2, 0, "SQL", 65, 1, 1), (first.Added, first.Replayed, first.Stage, first.Engagement, first.StageChanges, first.HandoffsSent));
        Assert.Equal((0, 2, 0, "SQL", 65, 0, 0), (replay.Added, replay.Replayed, replay.Dropped, replay.Stage, replay.Engagement, replay.StageChanges, replay.HandoffsSent));
        var leadAfterReplay = await LeadAsync(leadId);
        Assert.Equal(leadAfterFirst.ETag, leadAfterReplay.ETag);
        Assert.Equal(65, leadAfterReplay.Engagement);
        Assert.Equal(
            historyAfterFirst.Select(r => (r.RowKey, r.ToStage)),
            (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).Select(r => (r.RowKey, r.ToStage)));
        Assert.Equal(3, (await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId)).Count);
        Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue), h => h.Contains(leadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnknownLead_DroppedAndNothingWritten()
    {
        var leadId = StorageFixture.Identity.LeadIdFor(StorageFixture.UniqueEmail("stranger"));
        var at = TimeProvider.System.GetUtcNow();
        var message = new LeadActivityMessage(LeadActivityMessage.CurrentVersion, $"batch-{Guid.NewGuid():N}", leadId, at,
        [
            new LeadActivity($"ev-{Guid.NewGuid():N}", "email_open", at, new Dictionary<string, string>()),
            new LeadActivity($"ev-{Guid.NewGuid():N}", "pricing_page_view", at, new Dictionary<string, string>()),
        ]);

        var result = await Activity(new ManualTimeProvider(at)).RunAsync(message, CancellationToken.None);

        Assert.Equal((2, 0, 2, (string?)null), (result.Events, result.Added, result.Dropped, result.Stage));
        Assert.Empty(await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId));
        Assert.Empty(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
    }

    private async Task<LeadEntity> LeadAsync(string leadId) =>
        (await fixture.Table(StorageNames.LeadsTable).GetEntityAsync<LeadEntity>(leadId, LeadEntity.ProfileRowKey)).Value;
}
