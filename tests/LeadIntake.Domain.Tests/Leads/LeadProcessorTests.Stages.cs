using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Leads;

public partial class LeadProcessorTests
{
    // Thresholds MQL 40, SQL 70 (_thresholds): each boundary and one point below it.
    [Theory]
    [InlineData(39, new FunnelStage[0])]
    [InlineData(40, new[] { FunnelStage.MarketingQualified })]
    [InlineData(69, new[] { FunnelStage.MarketingQualified })]
    [InlineData(70, new[] { FunnelStage.SalesQualified })]    // fast track: Lead → SQL directly
    [InlineData(100, new[] { FunnelStage.SalesQualified })]
    public void Process_NewLead_StageByThresholds(int score, FunnelStage[] movesAfterEntry)
    {
        var outcome = Process(null, At(0), score);

        Assert.Equal([FunnelStage.Lead, .. movesAfterEntry], outcome.Changes.Select(c => c.To));
        Assert.Equal([null, .. movesAfterEntry.Select(_ => (FunnelStage?)FunnelStage.Lead)], outcome.Changes.Select(c => c.From));
        Assert.Equal(Enumerable.Range(0, outcome.Changes.Count), outcome.Changes.Select(c => c.Sequence));
        Assert.Equal(movesAfterEntry.Contains(FunnelStage.SalesQualified), outcome.EnteredSalesQualified);
    }

    [Fact]
    public void Process_SqlMove_ReasonAndFieldsReadable()
    {
        var s = At(0);

        var change = Process(null, s, score: 72).Changes[1];

        Assert.Equal(
            new StageChange(FunnelStage.Lead, FunnelStage.SalesQualified, s.ReceivedAt, "score 72 ≥ SQL threshold 70 (fixed-v1)", 72, FixedScorer.Version, "pipeline", 1),
            change);
    }

    [Fact]
    public void Process_MqlMove_Reason()
    {
        Assert.Equal("score 45 ≥ MQL threshold 40 (fixed-v1)", Process(null, At(0), score: 45).Changes[1].Reason);
    }

    [Fact]
    public void Process_MqlScoresSql_MovesMqlToSql()
    {
        var mql = Process(null, At(0), score: 50).Lead;

        var outcome = Process(mql, At(5), score: 75);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.SalesQualified, 0), (change.From!.Value, change.To, change.Sequence));
        Assert.Equal(TestLeads.T0.AddMinutes(5), change.At);
        Assert.True(outcome.EnteredSalesQualified);
        Assert.False(outcome.IsNewLead);
    }

    [Theory]
    [InlineData(50, 10)]   // MQL whose score falls below the MQL threshold: never moved back
    [InlineData(50, 45)]   // MQL still MQL-worthy: no change
    [InlineData(80, 10)]   // SQL whose score falls: stays SQL
    [InlineData(80, 45)]
    public void Process_ScoreFalls_NeverMovesBackwards(int firstScore, int laterScore)
    {
        var lead = Process(null, At(0), firstScore).Lead;

        var outcome = Process(lead, At(5, ("firstName", "Ana")), laterScore);

        Assert.Empty(outcome.Changes);
        Assert.Equal(lead.Stage, outcome.Lead.Stage);
        Assert.Equal(laterScore, outcome.Lead.Score);   // the score itself is updated
        Assert.Equal("Ana", outcome.Lead.FirstName);
    }

    [Theory]
    [InlineData(FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.SalesQualified)]
    [InlineData(FunnelStage.Opportunity)]
    [InlineData(FunnelStage.Won)]
    [InlineData(FunnelStage.Lost)]
    [InlineData(FunnelStage.Nurture)]
    [InlineData(FunnelStage.Disqualified)]
    public void Process_LeadOutsideLeadAndMql_OnlyProfileAndScoreUpdated(FunnelStage stage)
    {
        var stored = Process(null, At(0), score: 10).Lead with { Stage = stage, StageEnteredAt = TestLeads.T0.AddMinutes(1) };

        var outcome = Process(stored, At(5, ("company", "Acme")), score: 100);

        Assert.Empty(outcome.Changes);
        Assert.Equal(stage, outcome.Lead.Stage);
        Assert.Equal(TestLeads.T0.AddMinutes(1), outcome.Lead.StageEnteredAt);
        Assert.Equal(100, outcome.Lead.Score);
        Assert.Equal("Acme", outcome.Lead.Company);
        Assert.Equal(2, outcome.Lead.SubmissionCount);
    }

    [Fact]
    public void Process_OlderSubmissionQualifiesLate_ChangeNotBeforeCurrentStageEntry()
    {
        // The lead entered at t30 (its first processed submission); an older submission (t0) then lifts it to MQL.
        var lead = Process(null, At(30), score: 10).Lead;

        var change = Assert.Single(Process(lead, At(0), score: 50).Changes);

        Assert.Equal(FunnelStage.MarketingQualified, change.To);
        Assert.Equal(TestLeads.T0.AddMinutes(30), change.At);   // history stays in order: Lead (t30) then MQL (t30)
    }

    [Fact]
    public void Process_DefaultPointsModel_DemoRequestFastTracksToSql()
    {
        var s = At(0, ("company", "Acme"), ("jobTitle", "VP Sales"), ("contactRequested", "on"), ("formId", "demo"));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, PointsScoringModel.Default.Thresholds, _processedAt);

        // points-v1: corporate 10 + contact 30 + demo form 20 + vp 20 + company 5 = 85.
        Assert.Equal(
            ["new lead via form 'demo'", "score 85 ≥ SQL threshold 70 (points-v1)"],
            outcome.Changes.Select(c => c.Reason));
        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
        Assert.All(outcome.Changes, c => Assert.Equal((85, "points-v1", "pipeline"), (c.Score, c.ScoringModel, c.Actor)));
    }

    [Fact]
    public void Process_DefaultPointsModel_FreeMailNewsletterStaysLead()
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@gmail.com"), ("formId", "newsletter"), ("consentMarketing", "yes"));

        var outcome = LeadProcessor.Process(null, s, PointsScoringModel.Default, PointsScoringModel.Default.Thresholds, _processedAt);

        // points-v1: free mail −5 + consent 3 = −2 → clamped to 0.
        Assert.Equal(0, outcome.Lead.Score);
        Assert.Equal(FunnelStage.Lead, outcome.Lead.Stage);
        Assert.Single(outcome.Changes);
    }

    [Fact]
    public void Process_ReturningLeadCrossesMql_OnSecondSubmission()
    {
        var first = LeadProcessor.Process(
            null, At(0, ("company", "Acme"), ("jobTitle", "Marketing Manager")), PointsScoringModel.Default, PointsScoringModel.Default.Thresholds, _processedAt);

        var second = LeadProcessor.Process(
            first.Lead, At(60, ("phone", "+49 30 1234567")), PointsScoringModel.Default, PointsScoringModel.Default.Thresholds, _processedAt);

        // First: corporate 10 + manager 8 + company 5 = 23 (Lead). Second adds phone 10 + returning 10 = 43 ≥ 40 (MQL).
        Assert.Equal(23, first.Lead.Score);
        Assert.Equal(43, second.Lead.Score);
        Assert.Equal("score 43 ≥ MQL threshold 40 (points-v1)", Assert.Single(second.Changes).Reason);
    }

    [Fact]
    public void QualificationThresholds_Invalid_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualificationThresholds(80, 70));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualificationThresholds(-1, 70));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualificationThresholds(40, 101));
    }
}
