using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Domain.Tests.Funnel;

public class FunnelMilestonesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AdvanceTo_MainLineStep_ReachesThatStageOnce_AndRecordsWhenTheOldStageBegan()
    {
        var lead = NewLead();

        var mql = lead.AdvanceTo(FunnelStage.MarketingQualified, T0.AddHours(2), "rule", "pipeline");
        var sal = lead.AdvanceTo(FunnelStage.SalesAccepted, T0.AddHours(5), "accepted", "tom");

        Assert.Equal([FunnelStage.MarketingQualified], mql.Reached);
        Assert.Equal(T0, mql.FromEnteredAt);
        Assert.Equal([FunnelStage.SalesAccepted], sal.Reached);
        Assert.Equal(T0.AddHours(2), sal.FromEnteredAt);
        Assert.Equal(new FunnelMilestones(MqlAt: T0.AddHours(2), SalAt: T0.AddHours(5)), lead.Milestones);
    }

    [Fact]
    public void AdvanceTo_FastTrack_ReachesEveryStageItSkips()
    {
        var lead = NewLead();

        var change = lead.AdvanceTo(FunnelStage.SalesQualified, T0.AddMinutes(1), "demo", "pipeline");

        Assert.Equal([FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, FunnelStage.SalesQualified], change.Reached);
        Assert.Equal(T0.AddMinutes(1), lead.Milestones.MqlAt);
        Assert.Equal(T0.AddMinutes(1), lead.Milestones.SqlAt);
        Assert.Null(lead.Milestones.OpportunityAt);
    }

    [Fact]
    public void AdvanceTo_RecycledLead_DoesNotReachMqlAgain()
    {
        var lead = NewLead();
        lead.AdvanceTo(FunnelStage.MarketingQualified, T0.AddHours(1), "rule", "pipeline");
        var nurture = lead.AdvanceTo(FunnelStage.Nurture, T0.AddDays(3), "rejected", "tom");

        var again = lead.AdvanceTo(FunnelStage.MarketingQualified, T0.AddDays(40), "rule", "pipeline");
        var sql = lead.AdvanceTo(FunnelStage.SalesQualified, T0.AddDays(41), "qualified", "tom");

        Assert.Empty(nurture.Reached);
        Assert.Empty(again.Reached);
        Assert.Equal(T0.AddHours(1), lead.Milestones.MqlAt);
        Assert.Equal([FunnelStage.SalesAccepted, FunnelStage.SalesQualified], sql.Reached);
    }

    [Fact]
    public void AdvanceTo_WonAndLost_WonIsAMilestoneLostIsNot()
    {
        var won = NewLead() with { Stage = FunnelStage.Opportunity, Milestones = new FunnelMilestones(T0, T0, T0, T0) };
        var lost = won with { };

        var winning = won.AdvanceTo(FunnelStage.Won, T0.AddDays(30), "won 1000", "maria");
        var losing = lost.AdvanceTo(FunnelStage.Lost, T0.AddDays(30), "lost", "maria");

        Assert.Equal([FunnelStage.Won], winning.Reached);
        Assert.Equal(T0.AddDays(30), won.Milestones.WonAt);
        Assert.Empty(losing.Reached);
        Assert.Null(lost.Milestones.WonAt);
    }

    [Fact]
    public void Reach_LeadStoredBeforeMilestones_DoesNotCountStagesItHadPassed()
    {
        // An SAL stored without milestone times: moving on to SQL reaches SQL only.
        var (milestones, reached) = FunnelMilestones.None.Reach(FunnelStage.SalesAccepted, FunnelStage.SalesQualified, T0);

        Assert.Equal([FunnelStage.SalesQualified], reached);
        Assert.Equal(new FunnelMilestones(SqlAt: T0), milestones);
    }

    [Fact]
    public void Reach_OffTheMainLine_ReachesNothing()
    {
        var (milestones, reached) = FunnelMilestones.None.Reach(FunnelStage.Lead, FunnelStage.Disqualified, T0);

        Assert.Empty(reached);
        Assert.Same(FunnelMilestones.None, milestones);
    }

    private static Lead NewLead() => new()
    {
        LeadId = "ld_1",
        Email = "ada@contoso.com",
        Stage = FunnelStage.Lead,
        StageEnteredAt = T0,
        FirstSeenAt = T0,
    };
}
