using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;

namespace LeadIntake.Domain.Tests.Leads;

public partial class LeadProcessorTests
{
    private const string Page = "https://www.example.com/webinar";

    // A consenting submission as capture queues it: the form registry's wording version is set beside the "yes".
    private static LeadSubmission Consenting(int minutes, string version, string form = "webinar") =>
        At(minutes, ("consentMarketing", "yes"), ("formId", form), ("pageUrl", Page)) with { ConsentVersion = version };

    [Fact]
    public void Process_ConsentGiven_ProofHasVersionFormPageAndReceivedAt()
    {
        var lead = Process(null, Consenting(0, "privacy-2026-11")).Lead;

        Assert.True(lead.ConsentMarketing);
        Assert.Equal(new ConsentProof("privacy-2026-11", "webinar", Page, TestLeads.T0), lead.Consent);
    }

    [Fact]
    public void Process_NoConsent_NoProof()
    {
        Assert.Null(Process(null, At(0, ("formId", "webinar"))).Lead.Consent);
        Assert.Null(Process(null, At(0, ("consentMarketing", "no"))).Lead.Consent);
    }

    [Fact]
    public void ConsentProofOf_VersionWithoutYes_NoProof()
    {
        // Only a "yes" is a consent: a version that came with no answer or a "no" proves nothing.
        Assert.Null(ConsentProof.Of(At(0) with { ConsentVersion = "v1" }));
        Assert.Null(ConsentProof.Of(At(0, ("consentMarketing", "no")) with { ConsentVersion = "v1" }));
    }

    [Fact]
    public void Process_LaterSubmissionSaysNothingOrNo_ProofKept()
    {
        var given = Process(null, Consenting(0, "v1")).Lead;

        var silent = Process(given, At(10, ("formId", "newsletter"))).Lead;
        var refused = Process(silent, At(20, ("consentMarketing", "no"), ("formId", "newsletter"))).Lead;

        Assert.True(silent.ConsentMarketing);
        Assert.Equal(given.Consent, silent.Consent);
        Assert.False(refused.ConsentMarketing);            // withdrawn: no longer in force
        Assert.Equal(given.Consent, refused.Consent);      // the proof stays as history
    }

    [Fact]
    public void Process_LaterConsent_ReplacesProof()
    {
        var lead = Process(Process(null, Consenting(0, "v1")).Lead, Consenting(10, "v2", "pricing")).Lead;

        Assert.Equal(new ConsentProof("v2", "pricing", Page, TestLeads.T0.AddMinutes(10)), lead.Consent);
    }

    [Fact]
    public void Process_OlderConsentProcessedLate_NewerProofKept()
    {
        var newer = Process(null, Consenting(10, "v2")).Lead;

        var lead = Process(newer, Consenting(0, "v1")).Lead;

        Assert.Equal(new ConsentProof("v2", "webinar", Page, TestLeads.T0.AddMinutes(10)), lead.Consent);
        Assert.True(lead.ConsentMarketing);
    }

    [Fact]
    public void Process_OlderConsentProcessedLateAfterNewerNo_ProofRecordedFlagStaysFalse()
    {
        // A "yes" at 0 without a version, a "no" at 10, then a "yes" at 5 processed last: the latest consent given is the
        // one at 5 (so it is proven), but the "no" at 10 is the latest answer, so consent is not in force.
        var lead = Process(null, At(0, ("consentMarketing", "yes"))).Lead;
        lead = Process(lead, At(10, ("consentMarketing", "no"))).Lead;

        lead = Process(lead, Consenting(5, "v1")).Lead;

        Assert.False(lead.ConsentMarketing);
        Assert.Equal(new ConsentProof("v1", "webinar", Page, TestLeads.T0.AddMinutes(5)), lead.Consent);
    }

    [Fact]
    public void Withdrawal_UnsubscribeAfterConsent_FlagOffProofKeptSignalGone()
    {
        var given = Process(null, Consenting(0, "v1")).Lead;
        Assert.Contains(LeadSignal.ConsentMarketing, LeadSignals.Of(given, _policy));
        var unsubscribedAt = TestLeads.T0.AddMinutes(30);

        var withdrawn = LeadQualifier.Evaluate(given, [Unsubscribe(unsubscribedAt)], _policy, unsubscribedAt, _processedAt).Lead;

        Assert.False(withdrawn.ConsentMarketing);
        Assert.Equal(unsubscribedAt, withdrawn.UnsubscribedAt);
        Assert.Equal(unsubscribedAt, withdrawn.FieldUpdatedAt[LeadFieldNames.ConsentMarketing]);
        Assert.Equal(given.Consent, withdrawn.Consent);
        var signals = LeadSignals.Of(withdrawn, _policy);
        Assert.Contains(LeadSignal.Unsubscribed, signals);
        Assert.DoesNotContain(LeadSignal.ConsentMarketing, signals);
    }

    [Fact]
    public void Withdrawal_YesReceivedBeforeUnsubscribeProcessedLate_StaysWithdrawn()
    {
        var unsubscribedAt = TestLeads.T0.AddMinutes(30);
        var withdrawn = LeadQualifier.Evaluate(
            Process(null, Consenting(0, "v1")).Lead, [Unsubscribe(unsubscribedAt)], _policy, unsubscribedAt, _processedAt).Lead;

        var lead = LeadProcessor.Process(withdrawn, Consenting(20, "v2"), new FixedScorer(10), _policy, [Unsubscribe(unsubscribedAt)], _processedAt).Lead;

        Assert.False(lead.ConsentMarketing);
        Assert.Contains(LeadSignal.Unsubscribed, LeadSignals.Of(lead, _policy));
        Assert.Equal("v2", lead.Consent!.Version);   // still the latest consent given, on record
    }

    [Fact]
    public void Withdrawal_ConsentGivenAgainAfterUnsubscribe_InForceAgain()
    {
        var unsubscribedAt = TestLeads.T0.AddMinutes(30);
        var withdrawn = LeadQualifier.Evaluate(
            Process(null, Consenting(0, "v1")).Lead, [Unsubscribe(unsubscribedAt)], _policy, unsubscribedAt, _processedAt).Lead;

        var lead = LeadProcessor.Process(withdrawn, Consenting(45, "v2"), new FixedScorer(10), _policy, [Unsubscribe(unsubscribedAt)], _processedAt).Lead;

        Assert.True(lead.ConsentMarketing);
        Assert.Equal(new ConsentProof("v2", "webinar", Page, TestLeads.T0.AddMinutes(45)), lead.Consent);
        var signals = LeadSignals.Of(lead, _policy);
        Assert.Contains(LeadSignal.ConsentMarketing, signals);
        Assert.DoesNotContain(LeadSignal.Unsubscribed, signals);
    }

    [Fact]
    public void LeadSignals_StoredUnsubscribedLeadStillFlagged_ConsentNotCounted()
    {
        // A row written before withdrawals cleared the flag: consent true, no answer time, unsubscribed later.
        var lead = Process(null, At(0)).Lead with { ConsentMarketing = true, UnsubscribedAt = TestLeads.T0.AddDays(1), FieldUpdatedAt = new Dictionary<string, DateTimeOffset>() };

        var signals = LeadSignals.Of(lead, _policy);

        Assert.Contains(LeadSignal.Unsubscribed, signals);
        Assert.DoesNotContain(LeadSignal.ConsentMarketing, signals);
    }

    private static LeadActivity Unsubscribe(DateTimeOffset at) => new($"ev-unsub-{at:HHmm}", LeadActivity.Unsubscribe, at, new Dictionary<string, string>());
}
