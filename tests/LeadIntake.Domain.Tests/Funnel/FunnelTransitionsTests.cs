using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Domain.Tests.Funnel;

public class FunnelTransitionsTests
{
    // The funnel of ROADMAP.md "Full funnel": the forward path, the Lead → SQL fast track, Nurture and
    // Disqualified exits, and the recycling moves back. Written out independently of the production table.
    private static readonly HashSet<(FunnelStage From, FunnelStage To)> _expected =
    [
        (FunnelStage.Lead, FunnelStage.MarketingQualified),
        (FunnelStage.Lead, FunnelStage.SalesQualified),
        (FunnelStage.Lead, FunnelStage.Nurture),
        (FunnelStage.Lead, FunnelStage.Disqualified),
        (FunnelStage.MarketingQualified, FunnelStage.SalesAccepted),
        (FunnelStage.MarketingQualified, FunnelStage.SalesQualified),
        (FunnelStage.MarketingQualified, FunnelStage.Nurture),
        (FunnelStage.MarketingQualified, FunnelStage.Disqualified),
        (FunnelStage.SalesAccepted, FunnelStage.SalesQualified),
        (FunnelStage.SalesAccepted, FunnelStage.MarketingQualified),
        (FunnelStage.SalesAccepted, FunnelStage.Nurture),
        (FunnelStage.SalesAccepted, FunnelStage.Disqualified),
        (FunnelStage.SalesQualified, FunnelStage.Opportunity),
        (FunnelStage.SalesQualified, FunnelStage.Nurture),
        (FunnelStage.SalesQualified, FunnelStage.Disqualified),
        (FunnelStage.Opportunity, FunnelStage.Won),
        (FunnelStage.Opportunity, FunnelStage.Lost),
        (FunnelStage.Lost, FunnelStage.Nurture),
        (FunnelStage.Nurture, FunnelStage.Lead),
        (FunnelStage.Nurture, FunnelStage.MarketingQualified),
        (FunnelStage.Nurture, FunnelStage.SalesQualified),
        (FunnelStage.Nurture, FunnelStage.Disqualified),
        (FunnelStage.Disqualified, FunnelStage.Lead),
    ];

    public static TheoryData<FunnelStage, FunnelStage> AllowedPairs()
    {
        var data = new TheoryData<FunnelStage, FunnelStage>();
        foreach (var (from, to) in _expected)
        {
            data.Add(from, to);
        }

        return data;
    }

    // Every ordered pair of the 9 stages (81, self-moves included) minus the 23 allowed ones: 58 illegal moves.
    public static TheoryData<FunnelStage, FunnelStage> IllegalPairs()
    {
        var data = new TheoryData<FunnelStage, FunnelStage>();
        foreach (var from in Enum.GetValues<FunnelStage>())
        {
            foreach (var to in Enum.GetValues<FunnelStage>())
            {
                if (!_expected.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Fact]
    public void IllegalPairs_CountsEveryNonAllowedPair_58()
    {
        Assert.Equal(81 - 23, IllegalPairs().Count());
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void AdvanceTo_AllowedMove_ChangesStageAndReturnsChange(FunnelStage from, FunnelStage to)
    {
        var lead = new Lead { LeadId = "ld_x", Email = "a@example.com", Stage = from, Score = 55, ScoringModel = "points-v1" };
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(2));

        var change = lead.AdvanceTo(to, at, "because", "rep@example.com");

        Assert.Equal(to, lead.Stage);
        // What the move reaches first is FunnelMilestonesTests' subject; the lead has no entry time here.
        Assert.Equal(new StageChange(from, to, at.ToUniversalTime(), "because", 55, "points-v1", "rep@example.com") { Reached = change.Reached }, change);
        Assert.Equal(TimeSpan.Zero, change.At.Offset);
        Assert.Equal(change.At, lead.StageEnteredAt);
    }

    [Theory]
    [InlineData(-60, 1)]     // dated before the entry (an older event or submission processed late): just after it
    [InlineData(0, 1)]       // dated at the entry (a second move in the same round): just after it
    [InlineData(60, 0)]      // dated later: at its own time
    public void AdvanceTo_RecordedStrictlyAfterTheStageEntry_SoHistorySortsInMoveOrder(int secondsAfterEntry, int ticksAfterEntry)
    {
        var entered = TestLeads.T0;
        var lead = new Lead { LeadId = "ld_x", Email = "a@example.com", Stage = FunnelStage.Lead, StageEnteredAt = entered };

        var mql = lead.AdvanceTo(FunnelStage.MarketingQualified, entered.AddSeconds(secondsAfterEntry), "engaged", "pipeline");
        var sql = lead.AdvanceTo(FunnelStage.SalesQualified, entered.AddSeconds(secondsAfterEntry), "handed over", "pipeline");

        var expected = secondsAfterEntry > 0 ? entered.AddSeconds(secondsAfterEntry) : entered.AddTicks(ticksAfterEntry);
        Assert.Equal(expected, mql.At);
        Assert.Equal(mql.At.AddTicks(1), sql.At);
        Assert.Equal(sql.At, lead.StageEnteredAt);
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void AdvanceTo_IllegalMove_ThrowsWithStagesAndKeepsStage(FunnelStage from, FunnelStage to)
    {
        var lead = new Lead { LeadId = "ld_x", Email = "a@example.com", Stage = from };

        var e = Assert.Throws<FunnelTransitionException>(() => lead.AdvanceTo(to, TestLeads.T0, "because", "pipeline"));

        Assert.Equal(from, e.From);
        Assert.Equal(to, e.To);
        Assert.Contains($"from {FunnelStageCodes.ToCode(from)} to {FunnelStageCodes.ToCode(to)}", e.Message);
        Assert.Equal(from, lead.Stage);
    }

    [Theory]
    [InlineData(FunnelStage.Lead, true)]
    [InlineData(FunnelStage.MarketingQualified, false)]
    [InlineData(FunnelStage.SalesQualified, false)]
    [InlineData(FunnelStage.Won, false)]
    public void IsAllowed_EnteringFunnel_OnlyAtLead(FunnelStage to, bool expected)
    {
        Assert.Equal(expected, FunnelTransitions.IsAllowed(null, to));
    }

    [Fact]
    public void EnsureAllowed_EnteringAtSql_ThrowsWithNullFrom()
    {
        var e = Assert.Throws<FunnelTransitionException>(() => FunnelTransitions.EnsureAllowed(null, FunnelStage.SalesQualified));

        Assert.Null(e.From);
        Assert.Contains("enters at Lead", e.Message);
    }

    [Fact]
    public void AdvanceTo_FromWon_MessageSaysFinalStage()
    {
        var lead = new Lead { LeadId = "ld_x", Email = "a@example.com", Stage = FunnelStage.Won };

        var e = Assert.Throws<FunnelTransitionException>(() => lead.AdvanceTo(FunnelStage.Nurture, TestLeads.T0, "r", "pipeline"));

        Assert.Contains("none (final stage)", e.Message);
    }
}
