using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>The funnel mapper and key scheme on their own (no storage calls): older rows, escaping, round trips.</summary>
public class FunnelEntityMapperTests
{
    [Theory]
    [InlineData("", "Lead", new[] { FunnelStage.Lead })]           // a new lead's row: it reached Lead
    [InlineData("Lead", "MQL", new FunnelStage[0])]                // any other: which stages were first reached cannot be told
    [InlineData("MQL", "SQL", new FunnelStage[0])]
    public void ToMove_RowWithoutTheKpiColumns_DerivesReachedFromTheStagesOnly(string from, string to, FunnelStage[] reached)
    {
        var row = new StageChangeByDayEntity
        {
            PartitionKey = "2025-11-02", RowKey = "L1_x", LeadId = "L1", FromStage = from, ToStage = to, At = new DateTimeOffset(2025, 11, 2, 8, 0, 0, TimeSpan.Zero),
            Score = 40, ScoringModel = "points-v1",
        };

        var move = FunnelEntityMapper.ToMove(row);

        Assert.Equal(reached, move.Reached);
        Assert.Equal(KpiDimensionCodes.None, move.Attribution.Channel);
        Assert.Equal(row.At, move.CreatedAt);
        Assert.Null(move.MqlAt);
    }

    [Fact]
    public void ToMove_NewRow_ReadsTheReachedCodes()
    {
        var row = new StageChangeByDayEntity
        {
            LeadId = "L1", FromStage = "Lead", ToStage = "SQL", Reached = "MQL SAL SQL", Channel = "paid_search", Owner = "tom@example.com",
            At = new DateTimeOffset(2025, 11, 2, 8, 0, 0, TimeSpan.Zero), Amount = 1200.5, Probability = 0.4,
        };

        var move = FunnelEntityMapper.ToMove(row);

        Assert.Equal([FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, FunnelStage.SalesQualified], move.Reached);
        Assert.Equal(new FunnelAttribution("paid_search", null, null, "tom@example.com"), move.Attribution);
        Assert.Equal(1200.5m, move.Amount);
    }

    [Theory]
    [InlineData("paid_search", "channel|paid_search")]
    [InlineData("spring/2026", "campaign|spring%2F2026")]
    [InlineData(@"a\b#c?d%e", @"campaign|a%5Cb%23c%3Fd%25e")]  // '%' too, so "a%2F" and "a/" never share a key
    [InlineData("tab\there", "campaign|tab%09here")]
    [InlineData("über Ω", "campaign|über Ω")]                 // other characters stay readable
    public void Volume_ValueWithForbiddenCharacters_IsPercentEncoded(string value, string expected)
    {
        var dimension = value == "paid_search" ? KpiDimension.Channel : KpiDimension.Campaign;

        Assert.Equal(expected, FunnelRowKeys.Volume(dimension, value));
    }

    [Fact]
    public void ToEntity_ThenToRow_RoundTripsADayRow()
    {
        var cycle = new SalesCycle(
            "L1", new FunnelAttribution("organic", null, "demo", "anna@example.com"), new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), null, null, new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero), 0, null, null, null);
        var move = new FunnelMove(
            "L1", FunnelStage.Lead, FunnelStage.MarketingQualified, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), [FunnelStage.MarketingQualified],
            new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), cycle.Attribution, cycle.CapturedAt, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
            60, null, "points-v1", null);
        var day = FunnelDayAggregator.Aggregate(new DateOnly(2026, 3, 1), [move], [cycle]);
        var all = day.Rows[0];

        var entity = FunnelEntityMapper.ToEntity(all, DateTimeOffset.UnixEpoch);
        var back = FunnelEntityMapper.ToRow(entity);

        Assert.Equal(("2026-03-01", "all|all", 1, 1), (entity.PartitionKey, entity.RowKey, entity.MQLs, entity.ResponsesMissed));
        Assert.Equal(entity.TimeInLead, all.TimeInStage[FunnelStage.Lead].ToText());
        Assert.Equal("""[{"owner":"anna@example.com","firstResponse":1,"followUps":0}]""", entity.BreachesByOwner);
        Assert.Equal((all.Day, all.Dimension, all.Value, all.Volumes, all.Sla), (back.Day, back.Dimension, back.Value, back.Volumes, back.Sla));
        Assert.Equal(all.Breaches, back.Breaches);
        Assert.All(FunnelDailyRow.VelocityStages, stage => Assert.Equal(all.TimeInStage[stage], back.TimeInStage[stage]));
        Assert.Equal(all.CaptureToHandoff, back.CaptureToHandoff);
    }
}
