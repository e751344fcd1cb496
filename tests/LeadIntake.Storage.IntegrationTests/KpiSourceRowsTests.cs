using Azure.Data.Tables;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Domain.Sales;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>
/// What a lead's saves write for the funnel KPIs, against Azurite: the KPI columns of StageChangesByDay, the SalesCycles row
/// of a hand-off, and the FunnelDaysToRebuild marks of days already over.
/// </summary>
public sealed class KpiSourceRowsTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private T Get<T>() where T : notnull => fixture.Services.GetRequiredService<T>();

    [Fact]
    public async Task ProcessLead_FastTrack_ChangeRowsCarryWhatTheKpisCountAndTheHandoffGetsASalesCycle()
    {
        var email = StorageFixture.UniqueEmail("kpi");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email,
            ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "CEO"), ("utm_source", "google"), ("utm_medium", "cpc"), ("utm_campaign", "dec-search"));

        await Get<ProcessLead>().RunAsync(submission, CancellationToken.None);

        var rows = (await fixture.RowsAsync<StageChangeByDayEntity>(StorageNames.StageChangesByDayTable, LeadEntityMapper.DayKey(submission.ReceivedAt)))
            .Where(r => r.LeadId == leadId).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        Assert.Equal([("", "Lead", "Lead"), ("Lead", "SQL", "MQL SAL SQL")], rows.Select(r => (r.FromStage, r.ToStage, r.Reached)));
        var movedAt = submission.ReceivedAt.AddTicks(1);   // the fast track is recorded just after the lead's entry
        Assert.All(rows, r => Assert.Equal(("paid_search", "dec-search", "demo", submission.ReceivedAt, movedAt),
            (r.Channel, r.Campaign, r.FormId, r.CreatedAt, r.MqlAt)));
        Assert.Equal([null, submission.ReceivedAt], rows.Select(r => r.FromEnteredAt));
        Assert.All(rows, r => Assert.Null(r.Probability));   // the points model has none

        var lead = (await fixture.Table(StorageNames.LeadsTable).GetEntityAsync<LeadEntity>(leadId, LeadEntity.ProfileRowKey)).Value;
        Assert.Equal(("demo", movedAt, movedAt, null as DateTimeOffset?), (lead.FirstFormId, lead.MqlAt, lead.SqlAt, lead.OpportunityAt));
        var cycle = Assert.Single(await CyclesAsync(leadId, lead.HandedOffAt!.Value));
        Assert.Equal($"{leadId}_{LeadEntityMapper.TimeKey(lead.HandedOffAt.Value)}", cycle.RowKey);
        Assert.Equal(("SQL", "paid_search", "dec-search", "demo", submission.ReceivedAt), (cycle.Stage, cycle.Channel, cycle.Campaign, cycle.FormId, cycle.CapturedAt));
        Assert.Equal((lead.ResponseDueAt, lead.NextFollowUpDueAt, null as DateTimeOffset?, 0), (cycle.ResponseDueAt, cycle.FollowUpsDueAt, cycle.FirstResponseAt, cycle.FollowUpCount));

        var contactAt = lead.HandedOffAt.Value.AddMinutes(20);
        var contact = new SalesEvent($"evt-{Guid.NewGuid():N}", SalesEventType.ContactAttempt, "rep@contoso-labs.com", contactAt, null, null, null);
        await new RecordSalesEvent(Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<IQualificationPolicyProvider>(), TimeProvider.System)
            .RunAsync(leadId, contact, CancellationToken.None);

        var answered = Assert.Single(await CyclesAsync(leadId, lead.HandedOffAt.Value));
        Assert.Equal((contactAt, 1), (answered.FirstResponseAt, answered.FollowUpCount));
        Assert.Equal(cycle.HandedOffAt, answered.HandedOffAt);
    }

    [Fact]
    public async Task ProcessLead_SubmissionFromDaysAgo_MarksItsDayForTheRebuild_TodayIsNeverMarked()
    {
        var now = DateTimeOffset.UtcNow;
        var old = StorageFixture.Submission(StorageFixture.UniqueEmail("late")) with { ReceivedAt = now.AddDays(-5) };
        var today = StorageFixture.Submission(StorageFixture.UniqueEmail("fresh"));

        await Get<ProcessLead>().RunAsync(old, CancellationToken.None);
        await Get<ProcessLead>().RunAsync(today, CancellationToken.None);

        var marks = await fixture.RowsAsync<TableEntity>(StorageNames.FunnelDaysToRebuildTable, FunnelDayMarker.Partition);
        Assert.Contains(marks, m => m.RowKey == LeadEntityMapper.DayKey(old.ReceivedAt));
        Assert.DoesNotContain(marks, m => m.RowKey == LeadEntityMapper.DayKey(today.ReceivedAt));
    }

    private async Task<List<SalesCycleEntity>> CyclesAsync(string leadId, DateTimeOffset handedOffAt) =>
        [.. (await fixture.RowsAsync<SalesCycleEntity>(StorageNames.SalesCyclesTable, LeadEntityMapper.DayKey(handedOffAt))).Where(r => r.LeadId == leadId)];
}
