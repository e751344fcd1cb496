using System.Globalization;
using Azure.Data.Tables;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sales;
using LeadIntake.Domain.Sla;
using LeadIntake.Storage.Leads;
using LeadIntake.Storage.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>
/// The SLA clock (<see cref="SlaCheck"/>) on the Deadlines index, SlaBreaches and sla-breaches against Azurite: one breach
/// however many runs find it, stale deadlines removed, the index read costing only what is due.
/// </summary>
/// <remarks>
/// A run acts on every due deadline in the index, not only its test's, so no test here leaves a due deadline behind for the next (ProcessActivity's hand-offs
/// are tested in <see cref="ProcessActivityTests"/>, on another Azurite). Leads are made through ProcessLead on the real
/// clock; each run of the SLA clock gets a <see cref="ManualTimeProvider"/> set from the stored lead's own deadline. The
/// tests that count index rows run their clock in 2021, before any deadline a real-time lead can have, and delete the rows
/// they leave, so the rows they count are their own.
/// </remarks>
public sealed class SlaClockTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    // A Wednesday, noon UTC: inside the default policy's working hours (Mon–Fri 09:00–17:00 UTC).
    private static readonly DateTimeOffset s_indexNow = new(2021, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private T Get<T>() where T : notnull => fixture.Services.GetRequiredService<T>();

    private SlaCheck Clock(TimeProvider time) => new(
        Get<IDeadlineIndex>(), Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<ISlaBreachStore>(), Get<ISlaBreachQueue>(),
        Get<HandoffSender>(), Get<IQualificationPolicyProvider>(), time);

    [Fact]
    public async Task RunAsync_FirstResponseMissed_OneBreachRowOneMessageAndTheLeadMarked()
    {
        var lead = await HandedOffLeadAsync(StorageFixture.UniqueEmail("breach"));
        var due = lead.ResponseDueAt!.Value;
        // Default policy: the first response is due one business hour after the hand-off.
        Assert.Equal(BusinessCalendar.AddBusinessTime(lead.HandedOffAt!.Value, TimeSpan.FromHours(1), QualificationPolicy.Default.Sla.Hours), due);
        var breachId = $"{lead.PartitionKey}_first_response_{due.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        await fixture.DrainAsync(StorageNames.SlaBreachesQueue);

        var early = await Clock(new ManualTimeProvider(due - TimeSpan.FromMinutes(1))).RunAsync(CancellationToken.None);
        var detectedAt = due + TimeSpan.FromMinutes(1);
        var first = await Clock(new ManualTimeProvider(detectedAt)).RunAsync(CancellationToken.None);

        Assert.Equal(0, early.Breaches);
        Assert.Equal(1, first.Breaches);
        var row = Assert.Single(await BreachRowsAsync(lead.PartitionKey, due));
        Assert.Equal(LeadEntityMapper.DayKey(due), row.PartitionKey);
        Assert.Equal(breachId, row.RowKey);
        Assert.Equal("first_response", row.Kind);
        Assert.Equal(due, row.DueAt);
        Assert.Equal(detectedAt, row.DetectedAt);
        Assert.Equal(lead.HandedOffAt, row.HandedOffAt);
        Assert.Equal("SQL", row.Stage);
        Assert.Equal(3, row.FollowUpsRequired);
        Assert.Equal(detectedAt, row.AnnouncedAt);
        var message = Assert.Single(await BreachMessagesAsync(lead.PartitionKey));
        Assert.Equal(new SlaBreachMessage(1, breachId, lead.PartitionKey, "first_response", due, detectedAt, lead.HandedOffAt, null, "SQL", 0, 3, QualificationPolicy.Default.Version), message);
        var marked = await LeadAsync(lead.PartitionKey);
        Assert.Equal(detectedAt, marked.FirstResponseBreachedAt);
        Assert.Equal(["follow_ups"], (await IndexRowsAsync(lead.PartitionKey)).Select(r => r.Kind));

        var second = await Clock(new ManualTimeProvider(detectedAt + TimeSpan.FromMinutes(1))).RunAsync(CancellationToken.None);

        Assert.Equal(0, second.Breaches);
        Assert.Single(await BreachRowsAsync(lead.PartitionKey, due));
        Assert.Empty(await BreachMessagesAsync(lead.PartitionKey));
        Assert.Equal(marked.ETag, (await LeadAsync(lead.PartitionKey)).ETag);
    }

    [Fact]
    public async Task RunAsync_TwoRunsAtOnce_OneBreachRowAndEveryMessageTheSameBreach()
    {
        var lead = await HandedOffLeadAsync(StorageFixture.UniqueEmail("overlap"));
        var due = lead.ResponseDueAt!.Value;
        await fixture.DrainAsync(StorageNames.SlaBreachesQueue);
        var time = new ManualTimeProvider(due + TimeSpan.FromMinutes(1));

        var runs = await Task.WhenAll(Clock(time).RunAsync(CancellationToken.None), Clock(time).RunAsync(CancellationToken.None));

        // The lead commits with its ETag, so exactly one run marks the breach; the other finds it stale on a fresh read.
        Assert.Equal(1, runs.Sum(r => r.Breaches));
        var row = Assert.Single(await BreachRowsAsync(lead.PartitionKey, due));
        // At least once: the loser may announce too when it read the row before the winner marked it announced.
        var messages = await BreachMessagesAsync(lead.PartitionKey);
        Assert.InRange(messages.Count, 1, 2);
        Assert.All(messages, m => Assert.Equal(row.RowKey, m.BreachId));
        Assert.NotNull((await LeadAsync(lead.PartitionKey)).FirstResponseBreachedAt);
        Assert.DoesNotContain(await IndexRowsAsync(lead.PartitionKey), r => r.Kind == "first_response");
    }

    [Fact]
    public async Task RunAsync_ContactAttemptBeforeDue_RemovesStaleIndexRowWithoutBreach()
    {
        var lead = await HandedOffLeadAsync(StorageFixture.UniqueEmail("answered"));
        var due = lead.ResponseDueAt!.Value;
        var contactAt = lead.HandedOffAt!.Value + TimeSpan.FromMinutes(10);
        var contact = new SalesEvent($"evt-{Guid.NewGuid():N}", SalesEventType.ContactAttempt, "rep@contoso-labs.com", contactAt, null, null, "left a voicemail");
        var recorded = await new RecordSalesEvent(Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<IQualificationPolicyProvider>(), new ManualTimeProvider(contactAt))
            .RunAsync(lead.PartitionKey, contact, CancellationToken.None);
        Assert.Equal(contactAt, recorded!.FirstResponseAt);
        // The lead no longer has the deadline, but its index row is still there: the clock is what removes it.
        Assert.Contains(await IndexRowsAsync(lead.PartitionKey), r => r.Kind == "first_response");
        await fixture.DrainAsync(StorageNames.SlaBreachesQueue);

        var run = await Clock(new ManualTimeProvider(due + TimeSpan.FromMinutes(1))).RunAsync(CancellationToken.None);

        Assert.Equal(0, run.Breaches);
        Assert.True(run.Stale >= 1, run.ToString());
        Assert.Equal(["follow_ups"], (await IndexRowsAsync(lead.PartitionKey)).Select(r => r.Kind));
        Assert.Empty(await BreachRowsAsync(lead.PartitionKey, due));
        Assert.Empty(await BreachMessagesAsync(lead.PartitionKey));
        var stored = await LeadAsync(lead.PartitionKey);
        Assert.Null(stored.FirstResponseBreachedAt);
        Assert.Equal(contactAt, stored.FirstResponseAt);
    }

    [Fact]
    public async Task FindDueAsync_ManyFutureDeadlinesTwoDue_ReadsOnlyTheTwoDueRows()
    {
        var prefix = $"idx{Guid.NewGuid():N}"[..16];
        LeadDeadline[] due =
        [
            new($"{prefix}-due-a", DeadlineKind.FirstResponse, s_indexNow - TimeSpan.FromHours(1)),
            new($"{prefix}-due-b", DeadlineKind.FollowUps, s_indexNow), // due exactly now: included
        ];
        // Later today (from one tick after now, the smallest step of the row key's time) and over the next three days.
        var future = Enumerable.Range(0, 150)
            .Select(i => new LeadDeadline(
                $"{prefix}-future-{i:D3}",
                (DeadlineKind)(i % 4),
                i == 0 ? s_indexNow + TimeSpan.FromTicks(1) : s_indexNow + TimeSpan.FromMinutes(i * 29)))
            .ToList();
        Assert.Contains(future, d => LeadEntityMapper.DayKey(d.DueAt) == LeadEntityMapper.DayKey(s_indexNow));
        Assert.Contains(future, d => d.DueAt > s_indexNow + TimeSpan.FromDays(2));
        await WriteIndexRowsAsync([.. due, .. future]);

        try
        {
            var found = await Get<IDeadlineIndex>().FindDueAsync(s_indexNow, CancellationToken.None);
            var run = await Clock(new ManualTimeProvider(s_indexNow)).RunAsync(CancellationToken.None);

            Assert.Equal(2, found.RowsRead);
            Assert.Equal(due, found.Deadlines);
            Assert.Equal(2, run.RowsRead);
            Assert.Equal(2, run.Stale); // no such leads
            Assert.Equal(0, run.Breaches);
            Assert.Equal(future.Count, (await IndexRowsWithPrefixAsync(prefix)).Count);
            Assert.Equal(0, (await Clock(new ManualTimeProvider(s_indexNow)).RunAsync(CancellationToken.None)).RowsRead);
        }
        finally
        {
            foreach (var deadline in future)
                await Get<IDeadlineIndex>().RemoveAsync(deadline, CancellationToken.None);
        }
    }

    [Fact]
    public async Task FindDueAsync_RowLeftInAnEarlierDaysPartition_FoundAndRemoved()
    {
        // A month before the other index test's rows, so neither reads the other's.
        var now = s_indexNow - TimeSpan.FromDays(28);
        var prefix = $"old{Guid.NewGuid():N}"[..16];
        var leftover = new LeadDeadline($"{prefix}-leftover", DeadlineKind.FirstResponse, now - TimeSpan.FromDays(2) + TimeSpan.FromHours(3));
        var today = new LeadDeadline($"{prefix}-today", DeadlineKind.Handoff, now - TimeSpan.FromMinutes(5));
        Assert.NotEqual(LeadEntityMapper.DayKey(now), LeadEntityMapper.DayKey(leftover.DueAt));
        await WriteIndexRowsAsync([leftover, today]);

        var found = await Get<IDeadlineIndex>().FindDueAsync(now, CancellationToken.None);
        var run = await Clock(new ManualTimeProvider(now)).RunAsync(CancellationToken.None);

        Assert.Equal(2, found.RowsRead);
        Assert.Equal(new[] { leftover, today }, found.Deadlines);
        Assert.Equal(2, run.RowsRead);
        Assert.Equal(2, run.Stale);
        Assert.Empty(await IndexRowsWithPrefixAsync(prefix));
    }

    /// <summary>A contact-requested corporate CEO through ProcessLead: the SQL fast track, handed off at once.</summary>
    private async Task<LeadEntity> HandedOffLeadAsync(string email)
    {
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "Chief Executive Officer"));
        var result = await Get<ProcessLead>().RunAsync(submission, CancellationToken.None);
        Assert.Equal(("SQL", 1), (result.Stage, result.HandoffsSent));
        var lead = await LeadAsync(leadId);
        Assert.NotNull(lead.HandedOffAt);
        Assert.Null(lead.FirstResponseAt);
        Assert.Equal(["first_response", "follow_ups"], (await IndexRowsAsync(leadId)).Select(r => r.Kind).Order(StringComparer.Ordinal));
        return lead;
    }

    private async Task<LeadEntity> LeadAsync(string leadId) =>
        (await fixture.Table(StorageNames.LeadsTable).GetEntityAsync<LeadEntity>(leadId, LeadEntity.ProfileRowKey)).Value;

    private async Task<List<SlaBreachEntity>> BreachRowsAsync(string leadId, DateTimeOffset due) =>
        [.. (await fixture.RowsAsync<SlaBreachEntity>(StorageNames.SlaBreachesTable, LeadEntityMapper.DayKey(due))).Where(r => r.LeadId == leadId)];

    private async Task<List<SlaBreachMessage>> BreachMessagesAsync(string leadId) =>
        [.. (await fixture.DrainAsync(StorageNames.SlaBreachesQueue)).Select(SlaBreachMessage.Parse).Where(m => m.LeadId == leadId)];

    private async Task<List<DeadlineEntity>> IndexRowsAsync(string leadId)
    {
        var rows = new List<DeadlineEntity>();
        await foreach (var row in fixture.Table(StorageNames.DeadlinesTable).QueryAsync<DeadlineEntity>(TableClient.CreateQueryFilter($"LeadId eq {leadId}")))
            rows.Add(row);
        return rows;
    }

    private async Task<List<DeadlineEntity>> IndexRowsWithPrefixAsync(string prefix)
    {
        var rows = new List<DeadlineEntity>();
        var filter = TableClient.CreateQueryFilter($"LeadId ge {prefix} and LeadId lt {prefix + "~"}");
        await foreach (var row in fixture.Table(StorageNames.DeadlinesTable).QueryAsync<DeadlineEntity>(filter))
            rows.Add(row);
        return rows;
    }

    /// <summary>Writes index rows as the lead store does (<see cref="TableDeadlineIndex.ToEntity"/>), one transaction per day partition and 100 rows.</summary>
    private async Task WriteIndexRowsAsync(IEnumerable<LeadDeadline> deadlines)
    {
        var table = fixture.Table(StorageNames.DeadlinesTable);
        foreach (var day in deadlines.Select(TableDeadlineIndex.ToEntity).GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in day.Chunk(TableLeadStore.MaxTransactionActions))
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        }
    }
}
