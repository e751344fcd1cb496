using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Kpis;

/// <summary>Every aggregate row of one UTC day, as <see cref="FunnelDayAggregator"/> builds it from the day's source rows.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Rows">One volume row per dimension value seen that day (always <c>all|all</c>), ordered by dimension then value (ordinal).</param>
/// <param name="Cohorts">Cohort contributions, ordered by MQL month, dimension, value.</param>
/// <param name="Models">One row per scoring model version seen, ordered by version.</param>
public sealed record FunnelDay(
    DateOnly Day, IReadOnlyList<FunnelDailyRow> Rows, IReadOnlyList<CohortContribution> Cohorts, IReadOnlyList<ModelDailyRow> Models);

/// <summary>One day's KPIs of one dimension value: a <c>FunnelDaily</c> volume row.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Dimension">The dimension.</param>
/// <param name="Value">Its value (<c>all</c> for <see cref="KpiDimension.All"/>, <see cref="KpiDimensionCodes.None"/> when unset).</param>
/// <param name="Volumes">Stage volumes of the day's moves.</param>
/// <param name="TimeInStage">Durations in stage of the moves leaving each of <see cref="VelocityStages"/> (every one present).</param>
/// <param name="CaptureToHandoff">Hand-off minus capture, of the day's hand-offs.</param>
/// <param name="HandoffToFirstResponse">First response minus hand-off, of the day's answered hand-offs.</param>
/// <param name="Sla">SLA counts of the day's hand-offs.</param>
/// <param name="Breaches">SLA breaches of the day's hand-offs per owner, ordered by owner.</param>
public sealed record FunnelDailyRow(
    DateOnly Day,
    KpiDimension Dimension,
    string Value,
    FunnelVolumes Volumes,
    IReadOnlyDictionary<FunnelStage, DurationHistogram> TimeInStage,
    DurationHistogram CaptureToHandoff,
    DurationHistogram HandoffToFirstResponse,
    SlaCounts Sla,
    IReadOnlyList<OwnerBreaches> Breaches)
{
    /// <summary>The stages whose time-in-stage is measured, in funnel order: Lead, MQL, SAL, SQL, Opportunity, Nurture.</summary>
    public static IReadOnlyList<FunnelStage> VelocityStages { get; } =
    [
        FunnelStage.Lead, FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, FunnelStage.SalesQualified, FunnelStage.Opportunity,
        FunnelStage.Nurture,
    ];

    /// <summary>An empty time-in-stage map: an empty histogram for each of <see cref="VelocityStages"/>.</summary>
    public static Dictionary<FunnelStage, DurationHistogram> EmptyTimeInStage() =>
        VelocityStages.ToDictionary(stage => stage, _ => new DurationHistogram());
}

/// <summary>SLA counts of a set of hand-offs (see the KPI definitions).</summary>
/// <param name="Handoffs">Hand-offs.</param>
/// <param name="RespondedWithinSla">First response at or before it was due, or without a due time.</param>
/// <param name="RespondedLate">First response after it was due.</param>
/// <param name="Missed">No first response and the breach recorded.</param>
/// <param name="Pending">Neither.</param>
/// <param name="FollowUpsMet">Follow-up windows neither breached nor open.</param>
/// <param name="FollowUpsMissed">Follow-up windows breached.</param>
/// <param name="FollowUpsPending">Follow-up windows open, not breached.</param>
/// <param name="FollowUps">Counted follow-ups, summed.</param>
public sealed record SlaCounts(
    int Handoffs, int RespondedWithinSla, int RespondedLate, int Missed, int Pending, int FollowUpsMet, int FollowUpsMissed, int FollowUpsPending,
    int FollowUps)
{
    /// <summary>No hand-offs.</summary>
    public static SlaCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The counts of both sets.</summary>
    public static SlaCounts operator +(SlaCounts left, SlaCounts right) => new(
        left.Handoffs + right.Handoffs, left.RespondedWithinSla + right.RespondedWithinSla, left.RespondedLate + right.RespondedLate,
        left.Missed + right.Missed, left.Pending + right.Pending, left.FollowUpsMet + right.FollowUpsMet,
        left.FollowUpsMissed + right.FollowUpsMissed, left.FollowUpsPending + right.FollowUpsPending, left.FollowUps + right.FollowUps);

    /// <summary>The counts of one hand-off.</summary>
    public static SlaCounts Of(SalesCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var within = cycle.FirstResponseAt is { } answered && (cycle.ResponseDueAt is not { } due || answered <= due);
        var late = cycle.FirstResponseAt is { } answeredLate && cycle.ResponseDueAt is { } dueAt && answeredLate > dueAt;
        var missed = cycle.FirstResponseAt is null && cycle.FirstResponseBreachedAt is not null;
        var followUpsMissed = cycle.FollowUpBreachedAt is not null;
        var followUpsPending = !followUpsMissed && cycle.FollowUpsDueAt is not null;
        return new SlaCounts(
            1, within ? 1 : 0, late ? 1 : 0, missed ? 1 : 0, within || late || missed ? 0 : 1,
            followUpsMissed || followUpsPending ? 0 : 1, followUpsMissed ? 1 : 0, followUpsPending ? 1 : 0, cycle.FollowUpCount);
    }
}

/// <summary>SLA breaches of one sales owner.</summary>
/// <param name="Owner">The owner (<see cref="KpiDimensionCodes.None"/> for unassigned hand-offs).</param>
/// <param name="FirstResponse">First responses missed.</param>
/// <param name="FollowUps">Follow-up windows missed.</param>
public sealed record OwnerBreaches(string Owner, int FirstResponse, int FollowUps);

/// <summary>What one day added to one MQL cohort of one dimension value: a <c>FunnelDaily</c> cohort row.</summary>
/// <param name="Day">The UTC day the leads moved.</param>
/// <param name="CohortMonth">The MQL month of the leads, <c>yyyy-MM</c>.</param>
/// <param name="Dimension">The dimension.</param>
/// <param name="Value">Its value.</param>
/// <param name="Mqls">Leads that first reached MQL that day (only in the day's own month).</param>
/// <param name="Sqls">Cohort leads that first reached SQL that day.</param>
/// <param name="Won">Cohort leads won that day.</param>
public sealed record CohortContribution(DateOnly Day, string CohortMonth, KpiDimension Dimension, string Value, int Mqls, int Sqls, int Won);

/// <summary>One day's outcomes and new-lead scores of one scoring model version: a <c>FunnelDaily</c> model row.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="ModelVersion">The scoring model version.</param>
/// <param name="WonScores">Scores of the moves to Won.</param>
/// <param name="LostScores">Scores of the moves to Lost.</param>
/// <param name="Calibration">Probabilities of the moves to Won or Lost (trained models only).</param>
/// <param name="NewLeadScores">Scores of the day's new leads (moves reaching Lead).</param>
public sealed record ModelDailyRow(
    DateOnly Day, string ModelVersion, ScoreCounts WonScores, ScoreCounts LostScores, CalibrationSums Calibration, ScoreCounts NewLeadScores);

/// <summary>One MQL cohort of one dimension value: a <c>FunnelCohorts</c> row.</summary>
/// <param name="Month">The MQL month, <c>yyyy-MM</c>.</param>
/// <param name="Dimension">The dimension.</param>
/// <param name="Value">Its value.</param>
/// <param name="Mqls">Leads that first reached MQL in the month.</param>
/// <param name="SqlByLag">Of them, reached SQL by the end of month + k, k = 0…11 (cumulative; <see cref="FunnelCohortRow.Lags"/> entries).</param>
/// <param name="WonByLag">Of them, won by the end of month + k (cumulative).</param>
public sealed record FunnelCohortRow(string Month, KpiDimension Dimension, string Value, int Mqls, IReadOnlyList<int> SqlByLag, IReadOnlyList<int> WonByLag)
{
    /// <summary>Lags tracked: months 0 to 11 after the MQL month.</summary>
    public const int Lags = 12;
}
