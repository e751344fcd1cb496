using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Leads;

public partial class LeadProcessorTests
{
    // The built-in policy (policy-default-1): MQL = fit ≥ 40 and engagement ≥ 20, a form submission is worth 20.
    private static readonly QualificationPolicy _policy = QualificationPolicy.Default;
    private static readonly DateTimeOffset _processedAt = TestLeads.T0.AddHours(1);

    private static LeadSubmission At(int minutes, params (string Name, string? Value)[] fields) =>
        TestLeads.Submit(TestLeads.T0.AddMinutes(minutes), [("email", "ana@acme.com"), .. fields]);

    private static LeadProcessingOutcome Process(Lead? current, LeadSubmission s, int score = 10) =>
        LeadProcessor.Process(current, s, new FixedScorer(score), _policy, [], _processedAt);

    [Fact]
    public void Process_NewLead_EntersLeadStageWithNullFrom()
    {
        var s = At(0, ("firstName", "Ana"), ("formId", "newsletter"));

        var outcome = Process(null, s);

        Assert.True(outcome.IsNewLead);
        Assert.False(outcome.AlreadyProcessed);
        Assert.Equal(
            [new StageChange(null, FunnelStage.Lead, s.ReceivedAt, "new lead via form 'newsletter'", 10, FixedScorer.Version, "pipeline", 0)
            {
                PolicyVersion = "policy-default-1",
                Reached = [FunnelStage.Lead],
            }],
            outcome.Changes);
        var lead = outcome.Lead;
        Assert.Equal("newsletter", lead.FirstFormId);
        Assert.Equal(s.LeadId, lead.LeadId);
        Assert.Equal(FunnelStage.Lead, lead.Stage);
        Assert.Equal(s.ReceivedAt, lead.StageEnteredAt);
        Assert.Equal(1, lead.SubmissionCount);
        Assert.Equal(s.ReceivedAt, lead.FirstSeenAt);
        Assert.Equal(s.ReceivedAt, lead.LastSeenAt);
        Assert.Equal([s.SubmissionId], lead.RecentSubmissionIds);
        Assert.Equal("Ana", lead.FirstName);
        Assert.Equal(EmailClass.Corporate, lead.EmailClass);
        Assert.Equal("acme.com", lead.CompanyDomain);
        Assert.Equal(_processedAt, lead.UpdatedAt);
        Assert.Equal("policy-default-1", lead.PolicyVersion);
        Assert.Equal("new lead via form 'newsletter'", lead.StageReason);
        Assert.False(outcome.HandedOff);
    }

    [Fact]
    public void Process_NewLeadWithoutForm_ReasonNewLead()
    {
        Assert.Equal("new lead", Process(null, At(0)).Changes[0].Reason);
    }

    [Fact]
    public void Process_Score_StoredOnLeadAndOutcome()
    {
        var s = At(0, ("company", "Acme"), ("phone", "+49 30 1234567"), ("jobTitle", "Director of IT"), ("contactRequested", "yes"));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, _policy, [], _processedAt);

        // points-v1: corporate 10 + contact 30 + phone 10 + company 5 + director 15 = 70.
        Assert.Equal(70, outcome.Score!.Score);
        Assert.Equal(70, outcome.Lead.Score);
        Assert.Equal("A", outcome.Lead.Grade);
        Assert.Equal("points-v1", outcome.Lead.ScoringModel);
        Assert.Equal(_processedAt, outcome.Lead.ScoredAt);
        Assert.Equal(outcome.Score.Reasons, outcome.Lead.ScoreReasons);   // 5 reasons: all kept (max 5)
        Assert.Equal(1d, outcome.Features!.GetNumber(LeadFeatureNames.ContactRequested));
        Assert.True(outcome.HasScore);
    }

    [Fact]
    public void Process_PointsModel_ScoreHasNoProbability()
    {
        var outcome = LeadProcessor.Process(null, At(0, ("contactRequested", "yes")), PointsScoringModel.Default, _policy, [], _processedAt);

        // points-v1: corporate 10 + contact 30 = 40, which is not a 40 % chance of anything.
        Assert.Equal(40, outcome.Score!.Score);
        Assert.Null(outcome.Score.Probability);
    }

    [Fact]
    public void Process_ScorerWithProbability_ProbabilityCarriedOnOutcome()
    {
        var outcome = LeadProcessor.Process(null, At(0), new FixedScorer(42, probability: 0.1234), _policy, [], _processedAt);

        Assert.Equal(0.1234, outcome.Score!.Probability);
    }

    [Fact]
    public void Process_ManyReasons_LeadKeepsTopFive()
    {
        var s = At(0, ("company", "Acme"), ("phone", "+49 30 1234567"), ("jobTitle", "CEO"), ("contactRequested", "yes"),
            ("consentMarketing", "yes"), ("formId", "demo"), ("message", new string('m', 100)));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, _policy, [], _processedAt);

        // points-v1 matches 8 rules here: contact 30, demo form 20, c_level 20, corporate 10, phone 10, company 5, message 5, consent 3.
        Assert.Equal(8, outcome.Score!.Reasons.Count);
        Assert.Equal(outcome.Score.Reasons.Take(5), outcome.Lead.ScoreReasons);
    }

    [Fact]
    public void Process_SubmissionOfAnotherLead_Throws()
    {
        var lead = Process(null, At(0)).Lead;
        var other = TestLeads.Submit(TestLeads.T0, ("email", "bob@acme.com"));

        Assert.Throws<ArgumentException>(() => Process(lead, other));
    }
}
