using Azure;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Scoring;
using LeadIntake.Domain.Leads;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>ProcessLead on the Table and Queue adapters against Azurite: staging, merging, idempotence, snapshots.</summary>
public sealed class ProcessLeadTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private ProcessLead Process => fixture.Services.GetRequiredService<ProcessLead>();

    [Fact]
    public async Task RunAsync_HotLead_ReachesSqlRecordsEveryChangeAndHandsOffOnce()
    {
        var email = StorageFixture.UniqueEmail("hot");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        // Default policy: a contact request is the SQL fast track (rule asked-for-contact); corporate CEO, no disqualifying signal.
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "Chief Executive Officer"));

        var result = await Process.RunAsync(submission, CancellationToken.None);

        Assert.Equal("SQL", result.Stage);
        Assert.Equal(80, result.Score);
        Assert.Equal(1, result.HandoffsSent);
        var history = (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).OrderBy(r => r.RowKey).ToList();
        Assert.Equal("", history[0].FromStage);
        Assert.Equal("Lead", history[0].ToStage);
        Assert.Equal("SQL", history[^1].ToStage);
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(pair.First.ToStage, pair.Second.FromStage));
        var handoff = SalesHandoffMessage.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue), h => h.Contains(leadId, StringComparison.Ordinal)));
        Assert.Equal(email, handoff.Email);
        Assert.Equal(80, handoff.Score);
        Assert.Equal(SalesHandoffMessage.HandoffIdFor(leadId, submission.SubmissionId), handoff.HandoffId);
        Assert.Equal(SalesHandoffMessage.CurrentVersion, handoff.Version);
        Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)); // the outbox row is cleared
    }

    [Fact]
    public async Task RunAsync_HandoffSendFails_LeadKeepsOutboxRowAndRetrySendsIt()
    {
        var email = StorageFixture.UniqueEmail("handoff");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "CEO"));
        var handoffQueue = fixture.Queue(StorageNames.SalesHandoffQueue);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        await handoffQueue.DeleteAsync();

        // The first attempt commits the lead and its outbox row, then the send fails (the queue is gone): it throws, so the
        // host would retry the message.
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Process.RunAsync(submission, CancellationToken.None));
        Assert.Equal(404, failure.Status);
        var rows = await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId);
        Assert.Equal(["handoff_" + submission.SubmissionId, LeadEntity.ProfileRowKey], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal("SQL", rows.Single(r => r.RowKey == LeadEntity.ProfileRowKey).Stage);

        await handoffQueue.CreateAsync();
        var retry = await Process.RunAsync(submission, CancellationToken.None);

        Assert.True(retry.AlreadyProcessed);
        Assert.Equal(1, retry.HandoffsSent);
        var handoff = SalesHandoffMessage.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue)));
        Assert.Equal(SalesHandoffMessage.HandoffIdFor(leadId, submission.SubmissionId), handoff.HandoffId);
        Assert.Equal(LeadEntity.ProfileRowKey, Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).RowKey);
        Assert.Equal(0, (await Process.RunAsync(submission, CancellationToken.None)).HandoffsSent);
        Assert.Empty(await fixture.DrainAsync(StorageNames.SalesHandoffQueue));
    }

    [Fact]
    public async Task Sweep_HandoffLeftAfterEveryRetryFailed_SendsItOnceWhenOldEnough()
    {
        var email = StorageFixture.UniqueEmail("sweep");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "CEO"));
        var handoffQueue = fixture.Queue(StorageNames.SalesHandoffQueue);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        await handoffQueue.DeleteAsync();
        await Assert.ThrowsAsync<RequestFailedException>(() => Process.RunAsync(submission, CancellationToken.None));
        await handoffQueue.CreateAsync();
        var store = fixture.Services.GetRequiredService<ILeadStore>();
        var queue = fixture.Services.GetRequiredService<ISalesHandoffQueue>();

        var tooSoon = await new SweepSalesHandoffs(store, new HandoffSender(store, queue), TimeProvider.System).RunAsync(CancellationToken.None);
        var later = await new SweepSalesHandoffs(store, new HandoffSender(store, queue), new Later(SweepSalesHandoffs.MinimumAge + TimeSpan.FromMinutes(1))).RunAsync(CancellationToken.None);
        var again = await new SweepSalesHandoffs(store, new HandoffSender(store, queue), new Later(SweepSalesHandoffs.MinimumAge + TimeSpan.FromMinutes(1))).RunAsync(CancellationToken.None);

        Assert.Equal(0, tooSoon);
        Assert.Equal(1, later);
        Assert.Equal(0, again);
        var handoff = SalesHandoffMessage.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue)));
        Assert.Equal(leadId, handoff.LeadId);
    }

    [Fact]
    public async Task RunAsync_ColdLead_StaysLeadWithoutHandOff()
    {
        var email = $"someone-{Guid.NewGuid():N}@gmail.com";
        var leadId = StorageFixture.Identity.LeadIdFor(email);

        var result = await Process.RunAsync(StorageFixture.Submission(email), CancellationToken.None);

        Assert.Equal("Lead", result.Stage);
        Assert.Equal(0, result.HandoffsSent);
        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal("free_mail", lead.EmailClass);
        Assert.Equal(LeadEntity.ProfileRowKey, lead.RowKey);
    }

    [Fact]
    public async Task RunAsync_SecondSubmission_MergesProfileAndKeepsFirstTouch()
    {
        var email = StorageFixture.UniqueEmail("merge");
        var leadId = StorageFixture.Identity.LeadIdFor(email);

        await Process.RunAsync(StorageFixture.Submission(email, ("firstName", "Ada"), ("utm_source", "google"), ("utm_medium", "cpc")), CancellationToken.None);
        await Process.RunAsync(StorageFixture.Submission(email, ("company", "Analytical Engines"), ("utm_source", "newsletter"), ("utm_medium", "email")), CancellationToken.None);

        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(2, lead.SubmissionCount);
        Assert.Equal("Ada", lead.FirstName);
        Assert.Equal("Analytical Engines", lead.Company);
        Assert.Equal("google", lead.FirstTouchSource);
        Assert.Equal("newsletter", lead.LastTouchSource);
        Assert.Equal(2, (await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId)).Count);
    }

    [Fact]
    public async Task RunAsync_SameSubmissionTwice_RowsAndCountsUnchanged()
    {
        var email = StorageFixture.UniqueEmail("again");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("jobTitle", "CTO"));

        var first = await Process.RunAsync(submission, CancellationToken.None);
        var historyAfterFirst = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        var leadAfterFirst = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        var second = await Process.RunAsync(submission, CancellationToken.None);

        Assert.False(first.AlreadyProcessed);
        Assert.True(second.AlreadyProcessed);
        var historyAfterSecond = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        Assert.Equal(historyAfterFirst.Select(r => (r.RowKey, r.ToStage)), historyAfterSecond.Select(r => (r.RowKey, r.ToStage)));
        var leadAfterSecond = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(1, leadAfterSecond.SubmissionCount);
        Assert.Equal(leadAfterFirst.ETag, leadAfterSecond.ETag);
        Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // and a redelivery killed while removing them: after the mirrors, before their history rows
    public async Task RunAsync_RoundKilledBeforeItsCommit_RedeliveryLeavesNoRowsOfThatRound(bool cleanupKilledAfterTheMirrors)
    {
        var email = StorageFixture.UniqueEmail("killed");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var asked = StorageFixture.Submission(email, ("contactRequested", "true"), ("jobTitle", "CEO"));
        var other = StorageFixture.Submission(email, ("jobTitle", "CEO"));
        var store = fixture.Services.GetRequiredService<ILeadStore>();
        var scorer = await fixture.Services.GetRequiredService<IScorerProvider>().GetScorerAsync();
        var policy = await fixture.Services.GetRequiredService<IQualificationPolicyProvider>().GetPolicyAsync();
        // A round of 'asked' that found no lead (a new lead, fast-tracked to SQL) and died after writing its rows: here its
        // commit loses to 'other', which created the lead meanwhile, as a worker killed before the commit would.
        var killedRound = LeadProcessor.Process(null, asked, scorer, policy, [], DateTimeOffset.UtcNow);
        await Process.RunAsync(other, CancellationToken.None);
        Assert.False(await store.TrySaveAsync(asked, killedRound, null, null, CancellationToken.None));
        if (cleanupKilledAfterTheMirrors)
        {
            var byDay = fixture.Table(StorageNames.StageChangesByDayTable);
            foreach (var mirror in LeadEntityMapper.ToRows(asked, killedRound).ByDay)
                await byDay.DeleteEntityAsync(mirror.PartitionKey, mirror.RowKey);
        }

        var redelivered = await Process.RunAsync(asked, CancellationToken.None);

        Assert.Equal("SQL", redelivered.Stage);
        // Exactly the committed moves, each once (by stage: the older submission's move may carry the earlier time).
        var history = (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).OrderBy(r => r.FromStage, StringComparer.Ordinal).ToList();
        Assert.Equal([("", "Lead", other.SubmissionId), ("Lead", "SQL", asked.SubmissionId)], history.Select(r => (r.FromStage, r.ToStage, r.Cause)));
        var mirrors = (await fixture.RowsAsync<StageChangeByDayEntity>(StorageNames.StageChangesByDayTable, LeadEntityMapper.DayKey(history[0].At)))
            .Concat(history[0].At.UtcDateTime.Date == history[1].At.UtcDateTime.Date ? [] : await fixture.RowsAsync<StageChangeByDayEntity>(StorageNames.StageChangesByDayTable, LeadEntityMapper.DayKey(history[1].At)))
            .Where(r => r.LeadId == leadId);
        Assert.Equal(history.Select(r => $"{leadId}_{r.RowKey}").Order(StringComparer.Ordinal), mirrors.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
    }

    [Fact]
    public async Task RunAsync_TenConcurrentSubmissionsOneLead_AllMergedOneLeadStage()
    {
        var email = StorageFixture.UniqueEmail("race");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submissions = Enumerable.Range(0, 10).Select(i => StorageFixture.Submission(email, ("company", $"Company {i}"))).ToList();

        var results = await Task.WhenAll(submissions.Select(s => Process.RunAsync(s, CancellationToken.None)));

        Assert.All(results, r => Assert.False(r.AlreadyProcessed));
        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(10, lead.SubmissionCount);
        Assert.Single(await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId), r => r.ToStage == "Lead");
        Assert.Equal(10, (await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId)).Count);
    }

    [Fact]
    public async Task RunAsync_PointsModelAndNoConsent_ProbabilityEmptyAndBooleansStoredFalse()
    {
        var email = StorageFixture.UniqueEmail("snapshot");
        var leadId = StorageFixture.Identity.LeadIdFor(email);

        var result = await Process.RunAsync(StorageFixture.Submission(email, ("phone", "+44 20 7946 0000")), CancellationToken.None);

        var snapshot = Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
        Assert.Equal(result.Score, snapshot.Score);
        Assert.Equal("points-v1", snapshot.ScoringModel);
        Assert.Null(snapshot.Probability);
        // Storage Explorer shows what is stored: false must be a stored false, not a missing column.
        var raw = (await fixture.Table(StorageNames.LeadsTable).GetEntityAsync<Azure.Data.Tables.TableEntity>(leadId, LeadEntity.ProfileRowKey)).Value;
        Assert.Equal(false, raw["ConsentMarketing"]);
        Assert.Equal(false, raw["ContactRequested"]);
        var rawSnapshot = (await fixture.Table(StorageNames.ScoreSnapshotsTable).GetEntityAsync<Azure.Data.Tables.TableEntity>(leadId, snapshot.RowKey)).Value;
        Assert.False(rawSnapshot.ContainsKey("Probability"));
    }

    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
