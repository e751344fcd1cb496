using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using static LeadIntake.Domain.Funnel.FunnelStage;
using static LeadIntake.Domain.Tests.Kpis.KpiTestData;

namespace LeadIntake.Domain.Tests.Kpis;

// One hand-made day, 2026-03-10, counted by hand below:
//   m1 L1 new lead            paid_search/spring, no owner          score 40 points-v1
//   m2 L2 new lead            organic, no owner                     score 70 points-v1
//   m3 L1 Lead → MQL 10:00    paid_search/spring, entered Lead 08:00 (2 h), MqlAt 03-10
//   m4 L3 MQL → SAL           paid_search/spring, tom, entered MQL 03-09 10:00 (24 h), MqlAt 02-20 (reaches SAL only: no cohort row)
//   m5 L4 Opportunity → Won   paid_search/spring, tom, amount 5,000, MqlAt 01-15, score 80, p 0.72, lgbm-2026-11
//   m6 L5 SQL → Lost          organic, anna, score 30, p 0.15, lgbm-2026-11
//   m7 L6 Lead → SQL (fast track: MQL, SAL, SQL) 12:00, organic, anna, entered Lead 11:30 (30 min), MqlAt 03-10
//   c1 L6 hand-off 12:00 (captured 11:30), due 13:00, answered 12:45 → within SLA; follow-ups open; 1 follow-up; anna
//   c2 L7 hand-off 09:00 (captured the day before), due 10:00, never answered, breached 10:00 → missed; follow-ups breached; tom
public class FunnelDayAggregatorTests
{
    private static readonly FunnelAttribution s_paidTom = PaidSpring with { Owner = "tom@example.com" };
    private static readonly FunnelAttribution s_organicAnna = Organic with { Owner = "anna@example.com" };

    private static readonly FunnelMove[] s_moves =
    [
        Move("L1", null, Lead, "2026-03-10T08:00Z", [Lead], PaidSpring, score: 40),
        Move("L2", null, Lead, "2026-03-10T09:00Z", [Lead], Organic, score: 70),
        Move("L1", Lead, MarketingQualified, "2026-03-10T10:00Z", [MarketingQualified], PaidSpring, fromEnteredAt: "2026-03-10T08:00Z", mqlAt: "2026-03-10T10:00Z"),
        Move("L3", MarketingQualified, SalesAccepted, "2026-03-10T10:00Z", [SalesAccepted], s_paidTom, fromEnteredAt: "2026-03-09T10:00Z", mqlAt: "2026-02-20T09:00Z"),
        Move("L4", Opportunity, Won, "2026-03-10T11:00Z", [Won], s_paidTom, mqlAt: "2026-01-15T09:00Z", score: 80, probability: 0.72, model: "lgbm-2026-11", amount: 5000m),
        Move("L5", SalesQualified, Lost, "2026-03-10T11:30Z", [], s_organicAnna, score: 30, probability: 0.15, model: "lgbm-2026-11"),
        Move("L6", Lead, SalesQualified, "2026-03-10T12:00Z", [MarketingQualified, SalesAccepted, SalesQualified], s_organicAnna,
            fromEnteredAt: "2026-03-10T11:30Z", mqlAt: "2026-03-10T12:00Z"),
    ];

    private static readonly SalesCycle[] s_cycles =
    [
        Cycle("L6", s_organicAnna, "2026-03-10T11:30Z", "2026-03-10T12:00Z", dueAt: "2026-03-10T13:00Z", answeredAt: "2026-03-10T12:45Z",
            followUps: 1, followUpsDueAt: "2026-03-17T12:00Z"),
        Cycle("L7", s_paidTom, "2026-03-09T09:00Z", "2026-03-10T09:00Z", dueAt: "2026-03-10T10:00Z", breachedAt: "2026-03-10T10:00Z",
            followUpsBreachedAt: "2026-03-17T09:00Z"),
    ];

    [Fact]
    public void Aggregate_HandCountedDay_AllRowHasTheVolumesSlaAndVelocity()
    {
        var day = FunnelDayAggregator.Aggregate(Day("2026-03-10"), s_moves, s_cycles);
        var all = day.Rows[0];

        Assert.Equal((KpiDimension.All, "all"), (all.Dimension, all.Value));
        // Leads m1 m2; MQLs m3 m7; SALs m4 m7; SQLs m7; won m5 (5,000); lost m6.
        Assert.Equal(new FunnelVolumes(2, 2, 2, 1, 0, 1, 1, 0, 0, 5000m), all.Volumes);
        // Out of Lead: m3 (2 h), m7 (30 min); out of MQL: m4 (24 h); m5 and m6 have no entry time.
        Assert.Equal(2, all.TimeInStage[Lead].Count);
        Assert.Equal(1, all.TimeInStage[MarketingQualified].Count);
        Assert.Equal(0, all.TimeInStage[Opportunity].Count + all.TimeInStage[SalesQualified].Count);
        Assert.Equal(2, all.CaptureToHandoff.Count);
        Assert.Equal(1, all.HandoffToFirstResponse.Count);
        Assert.Equal(new SlaCounts(2, 1, 0, 1, 0, 0, 1, 1, 1), all.Sla);
        Assert.Equal([new OwnerBreaches("tom@example.com", 1, 1)], all.Breaches);
    }

    [Fact]
    public void Aggregate_HandCountedDay_OneRowPerDimensionValueInOrder()
    {
        var day = FunnelDayAggregator.Aggregate(Day("2026-03-10"), s_moves, s_cycles);

        Assert.Equal(
            [
                "all|all", "channel|organic", "channel|paid_search", "campaign|(none)", "campaign|spring", "form|demo",
                "owner|(none)", "owner|anna@example.com", "owner|tom@example.com",
            ],
            day.Rows.Select(r => $"{KpiDimensionCodes.Table.ToCode(r.Dimension)}|{r.Value}"));
        var organic = day.Rows.Single(r => r.Dimension == KpiDimension.Channel && r.Value == "organic");
        var paid = day.Rows.Single(r => r.Dimension == KpiDimension.Channel && r.Value == "paid_search");
        Assert.Equal(new FunnelVolumes(1, 1, 1, 1, 0, 0, 1, 0, 0, 0m), organic.Volumes);  // m2, m6, m7
        Assert.Equal(new FunnelVolumes(1, 1, 1, 0, 0, 1, 0, 0, 0, 5000m), paid.Volumes);  // m1, m3, m4, m5
        Assert.Equal(1, organic.Sla.RespondedWithinSla);
        Assert.Equal(1, paid.Sla.Missed);
        var tom = day.Rows.Single(r => r.Dimension == KpiDimension.Owner && r.Value == "tom@example.com");
        Assert.Equal(new FunnelVolumes(0, 0, 1, 0, 0, 1, 0, 0, 0, 5000m), tom.Volumes);   // m4, m5
    }

    [Fact]
    public void Aggregate_HandCountedDay_CohortContributionsByMqlMonth()
    {
        var day = FunnelDayAggregator.Aggregate(Day("2026-03-10"), s_moves, s_cycles);

        // all|all: L4 won from the January cohort; March: MQLs m3 and m7, and m7's SQL. m4 reached only SAL: no row.
        Assert.Equal(
            [new CohortContribution(Day("2026-03-10"), "2026-01", KpiDimension.All, "all", 0, 0, 1), new CohortContribution(Day("2026-03-10"), "2026-03", KpiDimension.All, "all", 2, 1, 0)],
            day.Cohorts.Where(c => c.Dimension == KpiDimension.All));
        Assert.Equal(
            [("2026-03", "organic", 1, 1, 0), ("2026-03", "paid_search", 1, 0, 0)],
            day.Cohorts.Where(c => c.Dimension == KpiDimension.Channel && c.CohortMonth == "2026-03").Select(c => (c.CohortMonth, c.Value, c.Mqls, c.Sqls, c.Won)));
        Assert.Equal(["2026-01", "2026-01", "2026-01", "2026-01", "2026-01"], day.Cohorts.Where(c => c.Won > 0).Select(c => c.CohortMonth));
    }

    [Fact]
    public void Aggregate_HandCountedDay_ModelRowsPerVersion()
    {
        var day = FunnelDayAggregator.Aggregate(Day("2026-03-10"), s_moves, s_cycles);

        Assert.Equal(["lgbm-2026-11", "points-v1"], day.Models.Select(m => m.ModelVersion));
        var trained = day.Models[0];
        Assert.Equal("80:1", trained.WonScores.ToText());
        Assert.Equal("30:1", trained.LostScores.ToText());
        Assert.Equal("1:1:0:150000 7:1:1:720000", trained.Calibration.ToText()); // p 0.15 lost, p 0.72 won
        Assert.Equal(0, trained.NewLeadScores.Count);
        Assert.Equal("40:1 70:1", day.Models[1].NewLeadScores.ToText());
        Assert.Equal(0, day.Models[1].WonScores.Count + day.Models[1].LostScores.Count);
    }

    [Fact]
    public void Aggregate_ShuffledInputTwice_GivesIdenticalRows()
    {
        var first = FunnelDayAggregator.Aggregate(Day("2026-03-10"), s_moves, s_cycles);
        var random = new Random(3);
        var second = FunnelDayAggregator.Aggregate(Day("2026-03-10"), [.. s_moves.OrderBy(_ => random.Next())], [.. s_cycles.Reverse()]);

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.Cohorts, second.Cohorts);
    }

    [Fact]
    public void Aggregate_NoSourceRows_HasOnlyAnEmptyAllRow()
    {
        var day = FunnelDayAggregator.Aggregate(Day("2026-03-10"), [], []);

        Assert.Equal(FunnelVolumes.Zero, Assert.Single(day.Rows).Volumes);
        Assert.Empty(day.Cohorts);
        Assert.Empty(day.Models);
    }

    // Every value of every row as text, histograms by their text form.
    private static List<string> Describe(FunnelDay day) =>
    [
        .. day.Rows.Select(r =>
            $"{r.Dimension}|{r.Value}|{r.Volumes}|{string.Join(",", r.TimeInStage.OrderBy(t => t.Key).Select(t => t.Value.ToText()))}|{r.CaptureToHandoff}|{r.HandoffToFirstResponse}|{r.Sla}|{string.Join(",", r.Breaches)}"),
        .. day.Models.Select(m => $"{m.ModelVersion}|{m.WonScores}|{m.LostScores}|{m.Calibration}|{m.NewLeadScores}"),
    ];
}
