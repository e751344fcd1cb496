using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Leads;
using LeadIntake.Storage.Activities;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>Consent on record against Azurite: the Leads row's consent columns, each consent on its LeadActivities row, withdrawal by unsubscribe.</summary>
public sealed class ConsentRecordTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private const string Page = "https://www.example.com/webinar?utm_source=newsletter";

    private T Get<T>() where T : notnull => fixture.Services.GetRequiredService<T>();

    [Fact]
    public async Task RunAsync_TwoConsentsThenUnsubscribe_LeadShowsLatestProofTimelineKeepsBothConsentWithdrawn()
    {
        var email = StorageFixture.UniqueEmail("consent");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var first = StorageFixture.Submission(email, ("consentMarketing", "yes"), ("formId", "webinar"), ("pageUrl", Page)) with { ConsentVersion = "privacy-2026-11" };
        var silent = StorageFixture.Submission(email, ("formId", "newsletter")) with { ReceivedAt = first.ReceivedAt.AddMinutes(1) };
        var second = StorageFixture.Submission(email, ("consent_marketing", "on"), ("formId", "pricing"), ("pageUrl", "https://www.example.com/pricing"))
            with { ConsentVersion = "privacy-2026-12", ReceivedAt = first.ReceivedAt.AddMinutes(2) };

        await Get<ProcessLead>().RunAsync(first, CancellationToken.None);
        var afterFirst = await LeadAsync(leadId);
        await Get<ProcessLead>().RunAsync(silent, CancellationToken.None);
        var afterSilent = await LeadAsync(leadId);
        await Get<ProcessLead>().RunAsync(second, CancellationToken.None);
        var afterSecond = await LeadAsync(leadId);

        Assert.Equal((true, "privacy-2026-11", "webinar", Page, first.ReceivedAt), Columns(afterFirst));
        Assert.Equal(Columns(afterFirst), Columns(afterSilent));   // a submission that says nothing keeps the proof
        Assert.Equal((true, "privacy-2026-12", "pricing", "https://www.example.com/pricing", second.ReceivedAt), Columns(afterSecond));
        Assert.Equal(afterSecond.ConsentAt, LeadEntityMapper.ToLead(afterSecond).Consent!.At);
        var rows = await TimelineAsync(leadId);
        Assert.Equal(
            [
                (first.SubmissionId, (bool?)true, "privacy-2026-11", "webinar", Page),
                (silent.SubmissionId, null, null, null, null),
                (second.SubmissionId, true, "privacy-2026-12", "pricing", "https://www.example.com/pricing"),
            ],
            rows.Select(r => (r.EventId, r.ConsentMarketing, r.ConsentVersion, r.ConsentFormId, r.ConsentPageUrl)));
        Assert.Equal(first.ReceivedAt, rows[0].At);

        // Withdrawal: an unsubscribe activity after both consents.
        var unsubscribedAt = second.ReceivedAt.AddMinutes(5);
        var message = new LeadActivityMessage(LeadActivityMessage.CurrentVersion, $"batch-{Guid.NewGuid():N}", leadId, unsubscribedAt,
            [new LeadActivity($"ev-{Guid.NewGuid():N}", LeadActivity.Unsubscribe, unsubscribedAt, new Dictionary<string, string>())]);
        var result = await new ProcessActivity(Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<HandoffSender>(), Get<IQualificationPolicyProvider>(), TimeProvider.System)
            .RunAsync(message, CancellationToken.None);

        var withdrawn = await LeadAsync(leadId);
        Assert.Equal("Disqualified", result.Stage);
        Assert.Equal(unsubscribedAt, withdrawn.UnsubscribedAt);
        Assert.Equal((false, "privacy-2026-12", "pricing", "https://www.example.com/pricing", second.ReceivedAt), Columns(withdrawn));
        Assert.Equal("disqualified: unsubscribed (signal unsubscribed)", withdrawn.StageReason);
        Assert.Equal(2, (await TimelineAsync(leadId)).Count(r => r.ConsentMarketing == true));   // both consents stay provable

        // Replaying the unsubscribe changes nothing.
        await new ProcessActivity(Get<ILeadStore>(), Get<ILeadActivityStore>(), Get<HandoffSender>(), Get<IQualificationPolicyProvider>(), TimeProvider.System)
            .RunAsync(message, CancellationToken.None);
        Assert.Equal(withdrawn.ETag, (await LeadAsync(leadId)).ETag);
    }

    [Fact]
    public async Task FindBehaviourSinceAsync_ConsentingSubmission_ReadsProofBack()
    {
        var email = StorageFixture.UniqueEmail("consent-read");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("consentMarketing", "yes"), ("formId", "webinar"), ("pageUrl", Page)) with { ConsentVersion = "v7" };

        await Get<ProcessLead>().RunAsync(submission, CancellationToken.None);

        var read = Assert.Single(await Get<ILeadActivityStore>().FindBehaviourSinceAsync(leadId, submission.ReceivedAt.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(new ConsentProof("v7", "webinar", Page, submission.ReceivedAt), read.Consent);
    }

    private static (bool, string?, string?, string?, DateTimeOffset?) Columns(LeadEntity lead) =>
        (lead.ConsentMarketing, lead.ConsentVersion, lead.ConsentFormId, lead.ConsentPageUrl, lead.ConsentAt);

    private async Task<LeadEntity> LeadAsync(string leadId) =>
        (await fixture.Table(StorageNames.LeadsTable).GetEntityAsync<LeadEntity>(leadId, LeadEntity.ProfileRowKey)).Value;

    private async Task<List<LeadActivityEntity>> TimelineAsync(string leadId) =>
        [.. (await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId)).OrderBy(r => r.RowKey, StringComparer.Ordinal)];
}
