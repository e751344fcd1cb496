using System.Globalization;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Policy;

namespace LeadIntake.Domain.Kpis;

/// <summary>Everything a <see cref="KpiReport"/> is built from: aggregate rows only.</summary>
/// <param name="From">First UTC day.</param>
/// <param name="To">Last UTC day (inclusive).</param>
/// <param name="GroupBy">The breakdown.</param>
/// <param name="Period">The series' period.</param>
/// <param name="Rows">The volume rows of the range: <c>all|all</c> and those of <paramref name="GroupBy"/> (others are ignored).</param>
/// <param name="Models">The model rows of the range.</param>
/// <param name="RecentModels">The model rows of the last 30 days, for drift.</param>
/// <param name="Cohorts">The <c>all|all</c> cohort rows of the range's months.</param>
/// <param name="Spend">Spend rows of the range's months.</param>
/// <param name="Policy">The policy in force: goals, MQL → SQL band, follow-ups required, time zone, version.</param>
/// <param name="Now">Now, for maturing cohorts.</param>
/// <param name="AsOf">When the newest row read was rebuilt, or null.</param>
public sealed record KpiReportInput(
    DateOnly From,
    DateOnly To,
    KpiDimension GroupBy,
    KpiPeriod Period,
    IReadOnlyList<FunnelDailyRow> Rows,
    IReadOnlyList<ModelDailyRow> Models,
    IReadOnlyList<ModelDailyRow> RecentModels,
    IReadOnlyList<FunnelCohortRow> Cohorts,
    IReadOnlyList<MarketingSpend> Spend,
    QualificationPolicy Policy,
    DateTimeOffset Now,
    DateTimeOffset? AsOf);

/// <summary>Builds the <see cref="KpiReport"/> of a range from its aggregate rows: the one place every published KPI formula is computed.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Conversion X → Y = leads that reached Y in the range ÷ leads that reached X in the range (later ÷ earlier); null when nothing reached X.</item>
/// <item>Velocity and speed to lead: median and p90 of the merged day histograms (±5 %).</item>
/// <item>SLA compliance = within SLA ÷ (hand-offs − pending); average follow-ups = counted follow-ups ÷ hand-offs.</item>
/// <item>
/// Cost per lead, MQL, SQL and customer = spend ÷ volume over the whole months of the range: totals from the channel
/// spend rows, a channel or campaign segment from its own rows. A whole month without spend makes the figures null and
/// is listed as missing, never counted as 0.
/// </item>
/// <item>Cohorts: lag k of MQL month M is maturing when M + k is the current UTC month or later.</item>
/// <item>
/// Model health: AUC from the won and lost score histograms (ties ½); calibration per probability decile; PSI of the
/// last 30 days' new-lead score deciles against 10 % each (a trained model's score is the share of training leads
/// below it), null for points models (<c>points-*</c>).
/// </item>
/// <item>Flags: the MQL → SQL rate of the totals and each segment outside the policy's band.</item>
/// </list>
/// </remarks>
public static class KpiReportBuilder
{
    /// <summary>The model-version prefix of the points models, which have no training distribution to drift from.</summary>
    public const string PointsModelPrefix = "points-";

    private static readonly (FunnelStage From, FunnelStage To)[] s_conversions =
    [
        (FunnelStage.Lead, FunnelStage.MarketingQualified),
        (FunnelStage.MarketingQualified, FunnelStage.SalesAccepted),
        (FunnelStage.SalesAccepted, FunnelStage.SalesQualified),
        (FunnelStage.MarketingQualified, FunnelStage.SalesQualified),
        (FunnelStage.SalesQualified, FunnelStage.Won),
        (FunnelStage.Lead, FunnelStage.Won),
    ];

    private static readonly (FunnelStage Stage, string Name)[] s_volumeNames =
    [
        (FunnelStage.Lead, "leads"),
        (FunnelStage.MarketingQualified, "mqls"),
        (FunnelStage.SalesAccepted, "sals"),
        (FunnelStage.SalesQualified, "sqls"),
        (FunnelStage.Opportunity, "opportunities"),
        (FunnelStage.Won, "won"),
    ];


    /// <summary>The report of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The range ends before it starts.</exception>
    public static KpiReport Build(KpiReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.To < input.From)
            throw new ArgumentException("The range ends before it starts.", nameof(input));

        var inRange = input.Rows.Where(row => row.Day >= input.From && row.Day <= input.To).ToList();
        var totalRows = inRange.Where(row => row.Dimension == KpiDimension.All).ToList();
        var totals = Segment(input, KpiDimension.All, "all", totalRows);
        var segments = input.GroupBy == KpiDimension.All
            ? []
            : inRange.Where(row => row.Dimension == input.GroupBy)
                .GroupBy(row => row.Value, StringComparer.Ordinal)
                .Select(g => Segment(input, input.GroupBy, g.Key, [.. g]))
                .OrderByDescending(s => s.Volumes.Leads).ThenBy(s => s.Value, StringComparer.Ordinal)
                .ToList();

        var goals = input.Policy.Goals;
        return new KpiReport(
            input.From,
            input.To,
            KpiDimensionCodes.Table.ToCode(input.GroupBy),
            KpiPeriodCodes.Table.ToCode(input.Period),
            input.Policy.Sla.Hours.TimeZone.Id,
            input.AsOf,
            input.Policy.Version,
            new KpiGoals(GoalPeriodCode(goals.Period), GoalVolumes(goals, 1.0)),
            totals,
            segments,
            Series(input, totalRows),
            Cohorts(input),
            ModelHealth(input),
            [.. new[] { totals }.Concat(segments).Select(s => Flag(s, input.Policy.MqlToSqlBand)).OfType<KpiFlag>()]);
    }

    private static KpiSegment Segment(KpiReportInput input, KpiDimension dimension, string value, IReadOnlyList<FunnelDailyRow> rows)
    {
        var volumes = rows.Aggregate(FunnelVolumes.Zero, (sum, row) => sum + row.Volumes);
        var sla = rows.Aggregate(SlaCounts.Zero, (sum, row) => sum + row.Sla);
        var velocity = FunnelDailyRow.VelocityStages.Select(stage =>
        {
            var merged = Merge(rows.Select(row => row.TimeInStage[stage]));
            return new KpiVelocity(FunnelStageCodes.ToCode(stage), (int)merged.Count, Hours(merged, 0.5), Hours(merged, 0.9));
        });
        var breaches = rows.SelectMany(row => row.Breaches)
            .GroupBy(b => b.Owner, StringComparer.Ordinal)
            .Select(g => new OwnerBreaches(g.Key, g.Sum(b => b.FirstResponse), g.Sum(b => b.FollowUps)))
            .OrderByDescending(b => b.FirstResponse + b.FollowUps).ThenBy(b => b.Owner, StringComparer.Ordinal);
        var decided = sla.Handoffs - sla.Pending;
        return new KpiSegment(
            KpiDimensionCodes.Table.ToCode(dimension),
            value,
            volumes,
            [.. s_conversions.Select(pair => Conversion(volumes, pair.From, pair.To))],
            [.. velocity],
            new KpiSpeedToLead(Duration(Merge(rows.Select(row => row.CaptureToHandoff))), Duration(Merge(rows.Select(row => row.HandoffToFirstResponse)))),
            new KpiSla(
                sla.Handoffs, sla.RespondedWithinSla, sla.RespondedLate, sla.Missed, sla.Pending,
                decided == 0 ? null : Math.Round((double)sla.RespondedWithinSla / decided, 4),
                sla.FollowUpsMet, sla.FollowUpsMissed, sla.FollowUpsPending,
                sla.Handoffs == 0 ? null : Math.Round((double)sla.FollowUps / sla.Handoffs, 2),
                input.Policy.Sla.FollowUps,
                [.. breaches]),
            Cost(input, dimension, value, rows));
    }

    private static KpiConversion Conversion(FunnelVolumes volumes, FunnelStage from, FunnelStage to)
    {
        var numerator = volumes.Reached(to);
        var denominator = volumes.Reached(from);
        return new KpiConversion(
            FunnelStageCodes.ToCode(from), FunnelStageCodes.ToCode(to), numerator, denominator,
            denominator == 0 ? null : Math.Round((double)numerator / denominator, 4));
    }

    private static KpiCost? Cost(KpiReportInput input, KpiDimension dimension, string value, IReadOnlyList<FunnelDailyRow> rows)
    {
        // Totals use the channel rows (campaign rows break the same money down again); form and owner have no spend.
        Func<MarketingSpend, bool>? matches = dimension switch
        {
            KpiDimension.All => s => s.Dimension == KpiDimension.Channel,
            KpiDimension.Channel or KpiDimension.Campaign => s => s.Dimension == dimension && s.Value == value,
            _ => null,
        };
        if (matches is null)
            return null;

        var months = KpiCalendar.WholeMonthsOf(input.From, input.To);
        var spend = input.Spend.Where(s => months.Contains(s.Month, StringComparer.Ordinal) && matches(s)).ToList();
        var missing = months.Where(month => !spend.Any(s => s.Month == month)).ToList();
        var currencies = spend.Select(s => s.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (months.Count == 0 || missing.Count > 0 || currencies.Count != 1)
            return new KpiCost(currencies.Count == 1 ? currencies[0] : null, null, null, null, null, null, missing);

        var amount = spend.Sum(s => s.Amount);
        var volumes = rows.Where(row => months.Contains(KpiCalendar.MonthKey(row.Day), StringComparer.Ordinal))
            .Aggregate(FunnelVolumes.Zero, (sum, row) => sum + row.Volumes);
        return new KpiCost(currencies[0], amount, Per(amount, volumes.Leads), Per(amount, volumes.Mqls), Per(amount, volumes.Sqls), Per(amount, volumes.Won), []);
    }

    private static decimal? Per(decimal amount, int volume) => volume == 0 ? null : Math.Round(amount / volume, 2, MidpointRounding.AwayFromZero);

    private static List<KpiSeriesPoint> Series(KpiReportInput input, IReadOnlyList<FunnelDailyRow> totalRows)
    {
        var byDay = totalRows.GroupBy(row => row.Day).ToDictionary(g => g.Key, g => g.Aggregate(FunnelVolumes.Zero, (sum, row) => sum + row.Volumes));
        var goals = SeriesGoals(input.Policy.Goals, input.Period);
        var points = new List<KpiSeriesPoint>();
        for (var day = input.From; day <= input.To; day = day.AddDays(1))
        {
            var (label, start) = KpiCalendar.PeriodOf(day, input.Period);
            var volumes = byDay.GetValueOrDefault(day, FunnelVolumes.Zero);
            if (points.Count > 0 && points[^1].Period == label)
                points[^1] = points[^1] with { Volumes = points[^1].Volumes + volumes };
            else
                points.Add(new KpiSeriesPoint(label, start, volumes, goals));
        }

        return points;
    }

    // A goal scaled to one series period: weeks ↔ months at 52 weeks = 12 months; no daily goal.
    private static Dictionary<string, int>? SeriesGoals(FunnelGoals goals, KpiPeriod period)
    {
        if (goals.Volumes.Count == 0 || period == KpiPeriod.Day)
            return null;
        var scale = (goals.Period, period) switch
        {
            (GoalPeriod.Week, KpiPeriod.Month) => 52.0 / 12,
            (GoalPeriod.Month, KpiPeriod.Week) => 12.0 / 52,
            _ => 1.0,
        };
        return GoalVolumes(goals, scale);
    }

    private static Dictionary<string, int> GoalVolumes(FunnelGoals goals, double scale) =>
        s_volumeNames.Where(v => goals.Volumes.ContainsKey(v.Stage))
            .ToDictionary(v => v.Name, v => (int)Math.Round(goals.Volumes[v.Stage] * scale, MidpointRounding.AwayFromZero));

    private static string GoalPeriodCode(GoalPeriod period) => period switch
    {
        GoalPeriod.Week => "week",
        GoalPeriod.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a goal period."),
    };

    private static List<KpiCohort> Cohorts(KpiReportInput input)
    {
        var currentMonth = KpiCalendar.MonthKey(input.Now);
        var rows = input.Cohorts.Where(c => c.Dimension == KpiDimension.All).ToDictionary(c => c.Month, StringComparer.Ordinal);
        return
        [
            .. KpiCalendar.MonthsOf(input.From, input.To).Select(month =>
            {
                var row = rows.GetValueOrDefault(month);
                var mqls = row?.Mqls ?? 0;
                var lags = Enumerable.Range(0, FunnelCohortRow.Lags).Select(lag =>
                {
                    var lagMonth = KpiCalendar.AddMonths(month, lag);
                    var sql = row?.SqlByLag[lag] ?? 0;
                    var won = row?.WonByLag[lag] ?? 0;
                    return new KpiCohortLag(
                        lag, lagMonth, sql, Rate(sql, mqls), won, Rate(won, mqls), KpiCalendar.MonthsBetween(currentMonth, lagMonth) >= 0);
                });
                return new KpiCohort(month, mqls, [.. lags]);
            }),
        ];
    }

    private static List<KpiModelHealth> ModelHealth(KpiReportInput input)
    {
        var versions = input.Models.Select(m => m.ModelVersion).Concat(input.RecentModels.Select(m => m.ModelVersion))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return
        [
            .. versions.Select(version =>
            {
                var won = new ScoreCounts();
                var lost = new ScoreCounts();
                var calibration = new CalibrationSums();
                foreach (var model in input.Models.Where(m => m.ModelVersion == version && m.Day >= input.From && m.Day <= input.To))
                {
                    won.Merge(model.WonScores);
                    lost.Merge(model.LostScores);
                    calibration.Merge(model.Calibration);
                }

                var recent = new ScoreCounts();
                foreach (var model in input.RecentModels.Where(m => m.ModelVersion == version))
                    recent.Merge(model.NewLeadScores);
                var psi = version.StartsWith(PointsModelPrefix, StringComparison.Ordinal) ? null : ScoreStatistics.PsiAgainstTraining(recent);
                var auc = ScoreStatistics.Auc(won, lost);
                return new KpiModelHealth(
                    version, (int)(won.Count + lost.Count), (int)won.Count, (int)lost.Count, auc is { } a ? Math.Round(a, 4) : null,
                    calibration.ToBuckets(), psi is { } p ? Math.Round(p, 4) : null, (int)recent.Count);
            }),
        ];
    }

    private static KpiFlag? Flag(KpiSegment segment, ConversionBand band)
    {
        var mqlToSql = segment.Conversion[3];
        if (mqlToSql.Rate is not { } rate || (rate >= band.Low && rate <= band.High))
            return null;
        var inv = CultureInfo.InvariantCulture;
        var where = segment.Dimension == "all" ? "all" : $"{segment.Dimension}:{segment.Value}";
        var seen = string.Create(inv, $"{rate:P1} of MQLs became SQLs ({mqlToSql.Numerator} of {mqlToSql.Denominator}), outside the healthy {band.Low:P1}–{band.High:P1}");
        return rate < band.Low
            ? new KpiFlag("mql_definition_too_broad", $"MQL definition may be too broad: {seen}; marketing may be passing on leads that are not ready.", where)
            : new KpiFlag("mql_definition_too_narrow", $"MQL definition may be too narrow: {seen}; good leads may be held back from sales.", where);
    }

    private static DurationHistogram Merge(IEnumerable<DurationHistogram> histograms)
    {
        var merged = new DurationHistogram();
        foreach (var histogram in histograms)
            merged.Merge(histogram);
        return merged;
    }

    private static KpiDuration Duration(DurationHistogram histogram) => new((int)histogram.Count, Hours(histogram, 0.5), Hours(histogram, 0.9));

    private static double? Hours(DurationHistogram histogram, double quantile) => histogram.QuantileHours(quantile) is { } hours ? Math.Round(hours, 2) : null;

    private static double? Rate(int numerator, int denominator) => denominator == 0 ? null : Math.Round((double)numerator / denominator, 4);
}
