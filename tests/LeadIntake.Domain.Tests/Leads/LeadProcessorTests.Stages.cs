using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Leads;

public partial class LeadProcessorTests
{
    private const string DefaultPolicyVersion = "policy-default-1";

    // policy-default-1 "fit-and-engaged": fit ≥ 40 and engagement ≥ 20. The submission itself is a form_submission worth
    // 20, an hour old at _processedAt: 20 × ½^(1 h / 720 h) = 19.98 → 20. Each fit boundary and one point below it; a
    // score alone, however high, no longer fast-tracks to SQL (70 and 100 were SQL under the old thresholds).
    [Theory]
    [InlineData(39, new FunnelStage[0])]
    [InlineData(40, new[] { FunnelStage.MarketingQualified })]
    [InlineData(69, new[] { FunnelStage.MarketingQualified })]
    [InlineData(70, new[] { FunnelStage.MarketingQualified })]
    [InlineData(100, new[] { FunnelStage.MarketingQualified })]
    public void Process_NewLead_MqlByFitAndTheSubmissionsEngagement(int score, FunnelStage[] movesAfterEntry)
    {
        var outcome = Process(null, At(0), score);

        Assert.Equal([FunnelStage.Lead, .. movesAfterEntry], outcome.Changes.Select(c => c.To));
        Assert.Equal([null, .. movesAfterEntry.Select(_ => (FunnelStage?)FunnelStage.Lead)], outcome.Changes.Select(c => c.From));
        Assert.Equal(Enumerable.Range(0, outcome.Changes.Count), outcome.Changes.Select(c => c.Sequence));
        Assert.All(outcome.Changes, c => Assert.Equal(DefaultPolicyVersion, c.PolicyVersion));
        Assert.Equal(20, outcome.Lead.Engagement);
        Assert.Equal(_processedAt, outcome.Lead.EngagementAt);
        Assert.False(outcome.HandedOff);   // an MQL first waits out the 24 h nurture period
    }

    [Fact]
    public void Process_NewMql_HandoffDueAfterNurturePeriod()
    {
        var outcome = Process(null, At(0), score: 45);

        // nurturePeriod "24h" from the move (the submission's received-at).
        Assert.Equal(TestLeads.T0.AddHours(24), outcome.Lead.HandoffDueAt);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.Null(outcome.Lead.ResponseDueAt);
        Assert.True(outcome.Lead.IsOwnedByMarketing);
    }

    [Fact]
    public void Process_MqlMove_ReasonNamesRuleAndValues()
    {
        var change = Process(null, At(0), score: 45).Changes[1];

        Assert.Equal("MQL rule 'fit-and-engaged': fit 45 ≥ 40, engagement 20 ≥ 20", change.Reason);
        Assert.Equal("fit-and-engaged", change.Rule);
    }

    [Fact]
    public void Process_ContactRequested_FastTrackSqlReasonAndFieldsReadable()
    {
        var s = At(0, ("contactRequested", "yes"));

        var outcome = Process(null, s, score: 72);

        Assert.Equal(
            new StageChange(FunnelStage.Lead, FunnelStage.SalesQualified, s.ReceivedAt.AddTicks(1), "SQL fast track 'asked-for-contact': contact_requested", 72, FixedScorer.Version, "pipeline", 1)
            {
                Rule = "asked-for-contact",
                PolicyVersion = DefaultPolicyVersion,
                Reached = [FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, FunnelStage.SalesQualified],
                FromEnteredAt = s.ReceivedAt,
            },
            outcome.Changes[1]);
        Assert.True(outcome.HandedOff);
        Assert.Equal(s.ReceivedAt, outcome.Lead.HandedOffAt);
        // T0 is Sunday 2026-11-22; policy-default-1 works Mon–Fri 09:00–17:00 UTC. First response "1h" of business time:
        // Monday 10:00. Follow-ups "within 5d" = five working days of 8 h from Monday 09:00: Friday 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), outcome.Lead.ResponseDueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero), outcome.Lead.NextFollowUpDueAt);
        Assert.Null(outcome.Lead.Owner);   // routing "none"
    }

    [Fact]
    public void Process_ContactRequestedWithLowFit_StillFastTracks()
    {
        // "asked-for-contact" has no fit condition: a hand-raiser goes to sales whatever the score.
        var outcome = Process(null, At(0, ("contactRequested", "yes")), score: 5);

        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
        Assert.True(outcome.HandedOff);
    }

    [Fact]
    public void Process_MqlAsksForContact_MovesMqlToSqlAndHandsOff()
    {
        var mql = Process(null, At(0), score: 50).Lead;

        var outcome = Process(mql, At(5, ("contactRequested", "yes")), score: 50);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.SalesQualified, 0), (change.From!.Value, change.To, change.Sequence));
        Assert.Equal(TestLeads.T0.AddMinutes(5), change.At);
        Assert.True(outcome.HandedOff);
        Assert.False(outcome.IsNewLead);
        Assert.Null(outcome.Lead.HandoffDueAt);   // the nurture wait is over: handed off now
    }

    // (first score, contact requested first) → the lead's stage; then a later submission with a lower score.
    [Theory]
    [InlineData(50, false, 10)]   // MQL whose fit falls below the MQL rule: never moved back
    [InlineData(50, false, 45)]   // MQL still MQL-worthy: no change
    [InlineData(80, true, 10)]    // SQL (fast track) whose score falls: stays SQL
    [InlineData(80, true, 45)]
    public void Process_ScoreFalls_NeverMovesBackwards(int firstScore, bool contactRequested, int laterScore)
    {
        var first = At(0, contactRequested ? [("contactRequested", "yes")] : []);
        var lead = Process(null, first, firstScore).Lead;

        var outcome = Process(lead, At(5, ("firstName", "Ana")), laterScore);

        Assert.Empty(outcome.Changes);
        Assert.Equal(lead.Stage, outcome.Lead.Stage);
        Assert.Equal(laterScore, outcome.Lead.Score);   // the score itself is updated
        Assert.Equal("Ana", outcome.Lead.FirstName);
        Assert.False(outcome.HandedOff);
    }

    // Sales-owned stages, and Disqualified (reinstating is a person's decision): a submission updates the profile, the
    // score and the engagement but moves nothing, even with a perfect score and a contact request.
    [Theory]
    [InlineData(FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.SalesQualified)]
    [InlineData(FunnelStage.Opportunity)]
    [InlineData(FunnelStage.Won)]
    [InlineData(FunnelStage.Lost)]
    [InlineData(FunnelStage.Disqualified)]
    public void Process_LeadNotOwnedByMarketing_OnlyProfileScoreAndEngagementUpdated(FunnelStage stage)
    {
        var stored = Process(null, At(0), score: 10).Lead with { Stage = stage, StageEnteredAt = TestLeads.T0.AddMinutes(1) };

        var outcome = Process(stored, At(5, ("company", "Acme"), ("contactRequested", "yes")), score: 100);

        Assert.Empty(outcome.Changes);
        Assert.False(outcome.HandedOff);
        Assert.Equal(stage, outcome.Lead.Stage);
        Assert.Equal(TestLeads.T0.AddMinutes(1), outcome.Lead.StageEnteredAt);
        Assert.Equal(100, outcome.Lead.Score);
        Assert.Equal("Acme", outcome.Lead.Company);
        Assert.Equal(2, outcome.Lead.SubmissionCount);
        Assert.Equal(20, outcome.Lead.Engagement);   // this submission's form_submission (no stored activities passed)
        Assert.Equal(DefaultPolicyVersion, outcome.Lead.PolicyVersion);
    }

    [Fact]
    public void Process_HandedOffMql_NotMovedBySubmission()
    {
        // An MQL already handed over belongs to sales: it waits for accepted or rejected, even when it asks for contact.
        var stored = Process(null, At(0), score: 50).Lead with { HandedOffAt = TestLeads.T0.AddMinutes(1) };

        var outcome = Process(stored, At(5, ("contactRequested", "yes")), score: 100);

        Assert.Empty(outcome.Changes);
        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        Assert.False(outcome.HandedOff);
    }

    [Fact]
    public void Process_NurtureLeadReEngages_MovesToMql()
    {
        // Nurture is marketing's again: a good fit that submits a form is an MQL once more (Nurture → MQL is allowed).
        var stored = Process(null, At(0), score: 10).Lead with { Stage = FunnelStage.Nurture, StageEnteredAt = TestLeads.T0.AddMinutes(1) };

        var outcome = Process(stored, At(5), score: 50);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.Nurture, FunnelStage.MarketingQualified), (change.From!.Value, change.To));
        Assert.Equal(TestLeads.T0.AddMinutes(5).AddHours(24), outcome.Lead.HandoffDueAt);
    }

    [Fact]
    public void Process_OlderSubmissionQualifiesLate_ChangeJustAfterCurrentStageEntry()
    {
        // The lead entered at t30 (its first processed submission); an older submission (t0) then lifts it to MQL.
        var lead = Process(null, At(30), score: 10).Lead;

        var outcome = Process(lead, At(0), score: 50);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal(FunnelStage.MarketingQualified, change.To);
        Assert.Equal(TestLeads.T0.AddMinutes(30).AddTicks(1), change.At);   // history stays in order: Lead (t30), then MQL just after
        Assert.Equal(TestLeads.T0.AddMinutes(30).AddHours(24), outcome.Lead.HandoffDueAt);   // nurture runs from the move
    }

    [Theory]
    [InlineData("ana@mit.edu", "student", "student_domain")]        // studentDomainSuffixes ".edu"
    [InlineData("ana@cs.ox.ac.uk", "student", "student_domain")]    // ".ac.uk", on a subdomain
    public void Process_DisqualifyingDomain_DisqualifiedAtCaptureWhateverTheScore(string email, string reason, string signal)
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", email), ("contactRequested", "yes"));

        var outcome = LeadProcessor.Process(null, s, new FixedScorer(100), _policy, [], _processedAt);

        // Disqualification is checked before the fast track: the contact request does not save it.
        Assert.Equal([FunnelStage.Lead, FunnelStage.Disqualified], outcome.Changes.Select(c => c.To));
        Assert.Equal($"disqualified: {reason} (signal {signal})", outcome.Changes[1].Reason);
        Assert.Equal(reason, outcome.Changes[1].Rule);
        Assert.Equal(outcome.Changes[1].Reason, outcome.Lead.StageReason);
        Assert.False(outcome.HandedOff);
    }

    [Fact]
    public void Process_StoredUnsubscribeAfterConsent_Disqualified()
    {
        var consented = Process(null, At(0, ("consentMarketing", "yes")), score: 10).Lead;
        LeadActivity[] stored = [new("u1", LeadActivity.Unsubscribe, TestLeads.T0.AddMinutes(10), new Dictionary<string, string>())];

        var outcome = LeadProcessor.Process(consented, At(20), new FixedScorer(50), _policy, stored, _processedAt);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal(FunnelStage.Disqualified, change.To);
        Assert.Equal("disqualified: unsubscribed (signal unsubscribed)", change.Reason);
        Assert.Equal(TestLeads.T0.AddMinutes(10), outcome.Lead.UnsubscribedAt);
    }

    [Fact]
    public void Process_StoredActivities_LiftEngagementToMql()
    {
        // Fit 45 ≥ 40, but a submission processed two months late is worth 20 × ½^(60 d / 30 d) = 5 < 20.
        var late = TestLeads.T0.AddDays(60);
        var alone = LeadProcessor.Process(null, At(0), new FixedScorer(45), _policy, [], late);
        // With two stored content downloads at T0 + 59 d (10 × ½^(1/30) = 9.77 each): 5 + 19.54 = 24.54 → 25 ≥ 20.
        LeadActivity[] stored =
        [
            new("d1", "content_download", TestLeads.T0.AddDays(59), new Dictionary<string, string>()),
            new("d2", "content_download", TestLeads.T0.AddDays(59), new Dictionary<string, string>()),
        ];
        var engaged = LeadProcessor.Process(null, At(0), new FixedScorer(45), _policy, stored, late);

        Assert.Equal(5, alone.Lead.Engagement);
        Assert.Equal(FunnelStage.Lead, alone.Lead.Stage);
        Assert.Equal(25, engaged.Lead.Engagement);
        Assert.Equal(FunnelStage.MarketingQualified, engaged.Lead.Stage);
    }

    [Fact]
    public void Process_StoredDemoRequest_FastTracksToSql()
    {
        LeadActivity[] stored = [new("demo1", "demo_request", TestLeads.T0.AddDays(-3), new Dictionary<string, string>())];

        var outcome = LeadProcessor.Process(null, At(0), new FixedScorer(10), _policy, stored, _processedAt);

        Assert.Equal("asked-for-demo", outcome.Changes[1].Rule);
        Assert.Equal("SQL fast track 'asked-for-demo': demo_request in the last 30 days", outcome.Changes[1].Reason);
        Assert.True(outcome.HandedOff);
    }

    [Fact]
    public void Process_NoNurturePeriod_MqlHandedOffAtOnce()
    {
        var policy = QualificationPolicy.Default with { NurturePeriod = TimeSpan.Zero };
        var s = At(0);

        var outcome = LeadProcessor.Process(null, s, new FixedScorer(45), policy, [], _processedAt);

        // handoff.stage "SAL": the MQL stays an MQL, handed to sales development who accept it.
        Assert.Equal([FunnelStage.Lead, FunnelStage.MarketingQualified], outcome.Changes.Select(c => c.To));
        Assert.True(outcome.HandedOff);
        Assert.Equal(s.ReceivedAt, outcome.Lead.HandedOffAt);
        Assert.False(outcome.Lead.IsOwnedByMarketing);
    }

    [Fact]
    public void Process_DefaultPointsModel_ContactRequestFastTracksToSql()
    {
        var s = At(0, ("company", "Acme"), ("jobTitle", "VP Sales"), ("contactRequested", "on"), ("formId", "demo"));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, _policy, [], _processedAt);

        // points-v1: corporate 10 + contact 30 + demo form 20 + vp 20 + company 5 = 85. The move is the policy's contact rule.
        Assert.Equal(
            ["new lead via form 'demo'", "SQL fast track 'asked-for-contact': contact_requested"],
            outcome.Changes.Select(c => c.Reason));
        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
        Assert.True(outcome.HandedOff);
        Assert.All(outcome.Changes, c => Assert.Equal((85, "points-v1", "pipeline", DefaultPolicyVersion), (c.Score, c.ScoringModel, c.Actor, c.PolicyVersion)));
    }

    [Fact]
    public void Process_DefaultPointsModel_FreeMailNewsletterStaysLead()
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@gmail.com"), ("formId", "newsletter"), ("consentMarketing", "yes"));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, _policy, [], _processedAt);

        // points-v1: free mail −5 + consent 3 = −2 → clamped to 0: engaged (20) but fit 0 < 40.
        Assert.Equal(0, outcome.Lead.Score);
        Assert.Equal(20, outcome.Lead.Engagement);
        Assert.Equal(FunnelStage.Lead, outcome.Lead.Stage);
        Assert.Single(outcome.Changes);
    }

    [Fact]
    public void Process_ReturningLeadCrossesMql_OnSecondSubmission()
    {
        var s1 = At(0, ("company", "Acme"), ("jobTitle", "Marketing Manager"));
        var first = LeadProcessor.Process(null, s1, PointsScoringModel.Default, _policy, [], _processedAt);
        // The first submission is now a stored form_submission event of the lead.
        LeadActivity[] stored = [new(s1.SubmissionId, EngagementPolicy.FormSubmission, s1.ReceivedAt, new Dictionary<string, string>())];

        var second = LeadProcessor.Process(first.Lead, At(60, ("phone", "+49 30 1234567")), PointsScoringModel.Default, _policy, stored, _processedAt);

        // First: corporate 10 + manager 8 + company 5 = 23 (Lead). Second adds phone 10 + returning 10 = 43 ≥ 40 (MQL).
        // Engagement: 20 × ½^(1 h / 720 h) = 19.98 for the first, 20 for the second (age 0) = 39.98 → 40.
        Assert.Equal(23, first.Lead.Score);
        Assert.Equal(FunnelStage.Lead, first.Lead.Stage);
        Assert.Equal(43, second.Lead.Score);
        Assert.Equal("MQL rule 'fit-and-engaged': fit 43 ≥ 40, engagement 40 ≥ 20", Assert.Single(second.Changes).Reason);
    }

}
