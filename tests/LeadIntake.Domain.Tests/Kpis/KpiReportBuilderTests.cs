using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Domain.Policy;
using static LeadIntake.Domain.Tests.Kpis.KpiTestData;

namespace LeadIntake.Domain.Tests.Kpis;

public class KpiReportBuilderTests
{
    private static readonly DateTimeOffset s_now = At("2026-03-15T12:00Z");

    [Fact]
    public void Build_TwoDays_ConversionIsLaterOverEarlier()
    {
        // Leads 100 + 100, MQLs 30 + 10, SALs 20, SQLs 12, won 3: Lead→MQL 40/200 = .2, MQL→SAL 20/40 = .5,
        // SAL→SQL 12/20 = .6, MQL→SQL 12/40 = .3, SQL→Won 3/12 = .25, Lead→Won 3/200 = .015.
        var report = Build(
            [Row("2026-03-01", KpiDimension.All, "all", Volumes(100, 30, 10, 5, 0, 1)), Row("2026-03-02", KpiDimension.All, "all", Volumes(100, 10, 10, 7, 0, 2))],
            "2026-03-01", "2026-03-02");

        Assert.Equal(
            [("Lead", "MQL", 40, 200, 0.2), ("MQL", "SAL", 20, 40, 0.5), ("SAL", "SQL", 12, 20, 0.6), ("MQL", "SQL", 12, 40, 0.3), ("SQL", "Won", 3, 12, 0.25), ("Lead", "Won", 3, 200, 0.015)],
            report.Totals.Conversion.Select(c => (c.From, c.To, c.Numerator, c.Denominator, c.Rate!.Value)));
        Assert.Empty(report.Flags); // .3 is inside the default 10–50 % band
    }

    [Fact]
    public void Build_NothingReached_RatesAreNull()
    {
        var report = Build([], "2026-03-01", "2026-03-31");

        Assert.All(report.Totals.Conversion, c => Assert.Null(c.Rate));
        Assert.All(report.Totals.Velocity, v => Assert.Null(v.MedianHours));
        Assert.Null(report.Totals.Sla.Compliance);
        Assert.Null(report.AsOf);
    }

    [Fact]
    public void Build_GroupByChannel_SegmentsMostLeadsFirstAndFlagsOutsideTheBand()
    {
        // organic MQL→SQL 1/20 = 5 % (< 10 %: too broad); paid 18/30 = 60 % (> 50 %: too narrow); totals 19/50 = 38 %.
        var report = Build(
            [
                Row("2026-03-01", KpiDimension.All, "all", Volumes(150, 50, 0, 19)),
                Row("2026-03-01", KpiDimension.Channel, "organic", Volumes(50, 20, 0, 1)),
                Row("2026-03-01", KpiDimension.Channel, "paid_search", Volumes(100, 30, 0, 18)),
                Row("2026-03-01", KpiDimension.Owner, "tom@example.com", Volumes(1)),
            ],
            "2026-03-01", "2026-03-31", KpiDimension.Channel);

        Assert.Equal(["paid_search", "organic"], report.Segments.Select(s => s.Value));
        Assert.Equal(
            [("mql_definition_too_narrow", "channel:paid_search"), ("mql_definition_too_broad", "channel:organic")],
            report.Flags.Select(f => (f.Code, f.Segment)));
        Assert.StartsWith("MQL definition may be too broad: 5.0 % of MQLs became SQLs (1 of 20), outside the healthy 10.0 %–50.0 %", report.Flags[1].Message);
    }

    [Fact]
    public void Build_Sla_ComplianceExcludesPending()
    {
        // 10 hand-offs: 6 within, 1 late, 1 missed, 2 pending → 6 / (10 − 2) = .75; 14 follow-ups / 10 = 1.4.
        var sla = new SlaCounts(10, 6, 1, 1, 2, 5, 2, 3, 14);
        var report = Build([Row("2026-03-01", KpiDimension.All, "all", Volumes(), sla)], "2026-03-01", "2026-03-01");

        Assert.Equal(0.75, report.Totals.Sla.Compliance);
        Assert.Equal(1.4, report.Totals.Sla.AverageFollowUps);
        Assert.Equal(QualificationPolicy.Default.Sla.FollowUps, report.Totals.Sla.FollowUpsRequired);
    }

    [Fact]
    public void Build_Cohorts_LagsFromTheCurrentMonthOnAreMaturing()
    {
        // Now is March 2026: January's lags 0 (Jan) and 1 (Feb) are over; lag 2 (Mar) and later are maturing.
        var january = new FunnelCohortRow("2026-01", KpiDimension.All, "all", 40, [4, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12], [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
        var report = Build([], "2026-01-01", "2026-03-31", cohorts: [january]);

        Assert.Equal(["2026-01", "2026-02", "2026-03"], report.Cohorts.Select(c => c.Month));
        var lags = report.Cohorts[0].Lags;
        Assert.Equal(12, lags.Count);
        Assert.Equal([false, false, true, true], lags.Take(4).Select(l => l.Maturing));
        Assert.Equal(("2026-02", 10, 0.25, 1, 0.025), (lags[1].Month, lags[1].Sql, lags[1].SqlRate!.Value, lags[1].Won, lags[1].WonRate!.Value));
        Assert.Equal("2026-12", lags[11].Month);
        Assert.Null(report.Cohorts[1].Lags[0].SqlRate); // no February row: 0 MQLs, no rate
        Assert.True(report.Cohorts[2].Lags[0].Maturing);
    }

    [Fact]
    public void Build_Cost_MissingMonthMakesItNullAndIsListed()
    {
        // Whole months of 01-15…04-30: February, March, April. Channel spend for February and March only.
        var report = Build(
            [Row("2026-02-01", KpiDimension.All, "all", Volumes(50))], "2026-01-15", "2026-04-30",
            spend: [new MarketingSpend("2026-02", KpiDimension.Channel, "paid_search", 1000m, "EUR"), new MarketingSpend("2026-03", KpiDimension.Channel, "organic", 500m, "EUR")]);

        var cost = report.Totals.Cost!;
        Assert.Null(cost.Spend);
        Assert.Null(cost.PerLead);
        Assert.Equal(["2026-04"], cost.MissingMonths);
        Assert.Equal("EUR", cost.Currency);
    }

    [Fact]
    public void Build_Cost_AllWholeMonthsSpent_DividesTheirSpendByTheirVolume()
    {
        // Spend 1,000 + 500 + 300 (campaign rows are a breakdown, not added) = 1,800; leads of Feb–Apr 30 + 30 + 30 = 90
        // (January's 100 are outside the whole months) → 20.00 per lead; MQLs 9 → 200.00; SQLs 4 → 450.00; won 0 → null.
        // paid_search alone: only February has spend → missing March and April.
        var report = Build(
            [
                Row("2026-01-20", KpiDimension.All, "all", Volumes(100, 10)),
                Row("2026-02-03", KpiDimension.All, "all", Volumes(30, 3, 0, 1)),
                Row("2026-03-03", KpiDimension.All, "all", Volumes(30, 3, 0, 1)),
                Row("2026-04-03", KpiDimension.All, "all", Volumes(30, 3, 0, 2)),
                Row("2026-02-03", KpiDimension.Channel, "paid_search", Volumes(10)),
            ],
            "2026-01-15", "2026-04-30", KpiDimension.Channel,
            spend:
            [
                new MarketingSpend("2026-02", KpiDimension.Channel, "paid_search", 1000m, "EUR"),
                new MarketingSpend("2026-02", KpiDimension.Campaign, "spring", 700m, "EUR"),
                new MarketingSpend("2026-03", KpiDimension.Channel, "organic", 500m, "EUR"),
                new MarketingSpend("2026-04", KpiDimension.Channel, "organic", 300m, "EUR"),
            ]);

        Assert.Equal(new KpiCost("EUR", 1800m, 20m, 200m, 450m, null, []), report.Totals.Cost! with { MissingMonths = [] });
        Assert.Empty(report.Totals.Cost!.MissingMonths);
        var paid = report.Segments.Single(s => s.Value == "paid_search").Cost!;
        Assert.Equal(["2026-03", "2026-04"], paid.MissingMonths);
        Assert.Null(paid.Spend);
    }

    [Fact]
    public void Build_Cost_FormAndOwnerHaveNone()
    {
        var report = Build([Row("2026-03-01", KpiDimension.Form, "demo", Volumes(5))], "2026-03-01", "2026-03-31", KpiDimension.Form);

        Assert.Null(Assert.Single(report.Segments).Cost);
    }

    [Fact]
    public void Build_WeeklySeries_IsoWeeksWithMonthlyGoalsScaled()
    {
        // 2026-03-01 is a Sunday (ISO week 9); 03-02 to 03-08 is week 10. A monthly goal of 520 leads is 520 × 12 ÷ 52 = 120 a week.
        var policy = QualificationPolicy.Default with { Goals = new FunnelGoals(GoalPeriod.Month, new Dictionary<FunnelStage, int> { [FunnelStage.Lead] = 520 }) };
        var report = Build(
            [Row("2026-03-01", KpiDimension.All, "all", Volumes(5)), Row("2026-03-02", KpiDimension.All, "all", Volumes(7)), Row("2026-03-08", KpiDimension.All, "all", Volumes(1))],
            "2026-03-01", "2026-03-08", period: KpiPeriod.Week, policy: policy);

        Assert.Equal([("2026-W09", Day("2026-02-23"), 5), ("2026-W10", Day("2026-03-02"), 8)], report.Series.Select(s => (s.Period, s.Start, s.Volumes.Leads)));
        Assert.Equal(120, report.Series[0].Goals!["leads"]);
        Assert.Equal(new Dictionary<string, int> { ["leads"] = 520 }, report.Goals.Volumes);
        Assert.Equal("month", report.Goals.Period);
    }

    [Fact]
    public void Build_ModelHealth_AucCalibrationAndDriftPerVersion()
    {
        var trained = Model("2026-03-01", "lgbm-2026-11", won: [80, 60], lost: [60, 20], probabilities: [(0.72, true), (0.65, false), (0.12, false)]);
        // New leads of the last 30 days: 20 in decile 0, 10 in each of 1–7, 5 in 8 and 9 → PSI .2·ln 2 = 0.1386.
        var recentScores = new[] { (0, 20), (15, 10), (25, 10), (35, 10), (45, 10), (55, 10), (65, 10), (75, 10), (85, 5), (95, 5) }
            .SelectMany(s => Enumerable.Repeat(s.Item1, s.Item2)).ToArray();
        var recent = Model("2026-03-10", "lgbm-2026-11", newLeads: recentScores);
        var points = Model("2026-03-10", "points-v1", won: [90], newLeads: [10, 20]);

        var report = Build([], "2026-03-01", "2026-03-31", models: [trained, points], recentModels: [recent, points]);

        Assert.Equal(["lgbm-2026-11", "points-v1"], report.ModelHealth.Select(m => m.ModelVersion));
        var health = report.ModelHealth[0];
        Assert.Equal((4, 2, 2, 0.875), (health.Closed, health.Won, health.Lost, health.Auc!.Value)); // pairs as in ScoreStatisticsTests
        Assert.Equal(
            [new KpiCalibrationBucket(0.1, 0.2, 1, 0.12, 0), new KpiCalibrationBucket(0.6, 0.7, 1, 0.65, 0), new KpiCalibrationBucket(0.7, 0.8, 1, 0.72, 1)],
            health.Calibration);
        Assert.Equal(Math.Round(0.2 * Math.Log(2), 4), health.Psi);
        Assert.Equal(100, health.PsiLeads);
        Assert.Null(report.ModelHealth[1].Psi); // points model: no training distribution
        Assert.Null(report.ModelHealth[1].Auc); // only won
        Assert.Empty(report.ModelHealth[1].Calibration);
    }

    private static ModelDailyRow Model(
        string day, string version, int[]? won = null, int[]? lost = null, (double P, bool Won)[]? probabilities = null, int[]? newLeads = null)
    {
        var row = new ModelDailyRow(Day(day), version, new ScoreCounts(), new ScoreCounts(), new CalibrationSums(), new ScoreCounts());
        foreach (var s in won ?? [])
            row.WonScores.Add(s);
        foreach (var s in lost ?? [])
            row.LostScores.Add(s);
        foreach (var (p, isWon) in probabilities ?? [])
            row.Calibration.Add(p, isWon);
        foreach (var s in newLeads ?? [])
            row.NewLeadScores.Add(s);
        return row;
    }

    private static KpiReport Build(
        FunnelDailyRow[] rows, string from, string to, KpiDimension groupBy = KpiDimension.All, KpiPeriod period = KpiPeriod.Month,
        FunnelCohortRow[]? cohorts = null, MarketingSpend[]? spend = null, ModelDailyRow[]? models = null, ModelDailyRow[]? recentModels = null,
        QualificationPolicy? policy = null) =>
        KpiReportBuilder.Build(new KpiReportInput(
            Day(from), Day(to), groupBy, period, rows, models ?? [], recentModels ?? [], cohorts ?? [], spend ?? [], policy ?? QualificationPolicy.Default,
            s_now, rows.Length == 0 ? null : s_now));
}
