namespace LeadIntake.Domain.Kpis;

/// <summary>The funnel KPIs of a date range: what <c>GET /api/kpis</c> answers, serialised camelCase as it stands.</summary>
/// <remarks>
/// Built by <see cref="KpiReportBuilder"/> from aggregate rows only. Fields: from, to (UTC days, inclusive), groupBy and
/// period (codes), timeZone (the policy's, for display), asOf (newest rebuild of the rows read, null without rows),
/// policyVersion, goals, totals, segments (one per value of groupBy, biggest lead volume first; empty for <c>all</c>),
/// series (totals per period), cohorts (MQL months of the range), modelHealth (per scoring model version), flags.
/// Versions: 1 — first format.
/// </remarks>
/// <param name="From">First UTC day of the range.</param>
/// <param name="To">Last UTC day of the range (inclusive).</param>
/// <param name="GroupBy">The breakdown's <see cref="KpiDimensionCodes"/> code.</param>
/// <param name="Period">The series' <see cref="KpiPeriodCodes"/> code.</param>
/// <param name="TimeZone">The policy's time zone id (IANA), for showing dates; the figures themselves are per UTC day.</param>
/// <param name="AsOf">When the newest aggregate row read was rebuilt; null when the range has none.</param>
/// <param name="PolicyVersion">The policy the goals, band and SLA follow-ups came from.</param>
/// <param name="Goals">The policy's volume goals.</param>
/// <param name="Totals">The whole funnel (dimension and value <c>all</c>).</param>
/// <param name="Segments">One per value of <paramref name="GroupBy"/>, most leads first; empty when grouping by <c>all</c>.</param>
/// <param name="Series">Totals per day, ISO week or month of the range, in order.</param>
/// <param name="Cohorts">The MQL cohorts of the range's months, oldest first.</param>
/// <param name="ModelHealth">Realised AUC, calibration and drift per scoring model version.</param>
/// <param name="Flags">Guidance: MQL → SQL rates outside the policy's band.</param>
public sealed record KpiReport(
    DateOnly From,
    DateOnly To,
    string GroupBy,
    string Period,
    string TimeZone,
    DateTimeOffset? AsOf,
    string PolicyVersion,
    KpiGoals Goals,
    KpiSegment Totals,
    IReadOnlyList<KpiSegment> Segments,
    IReadOnlyList<KpiSeriesPoint> Series,
    IReadOnlyList<KpiCohort> Cohorts,
    IReadOnlyList<KpiModelHealth> ModelHealth,
    IReadOnlyList<KpiFlag> Flags);

/// <summary>The volume goals of the policy.</summary>
/// <param name="Period"><c>week</c> or <c>month</c>.</param>
/// <param name="Volumes">Goal per volume name (<c>leads</c>, <c>mqls</c>, <c>sals</c>, <c>sqls</c>, <c>opportunities</c>, <c>won</c>); absent when not set.</param>
public sealed record KpiGoals(string Period, IReadOnlyDictionary<string, int> Volumes);

/// <summary>The KPIs of one dimension value (or of the whole funnel).</summary>
/// <param name="Dimension">The dimension's code (<c>all</c>, <c>channel</c>, …).</param>
/// <param name="Value">The value (<c>all</c>, <c>paid_search</c>, an owner's address, <c>(none)</c>).</param>
/// <param name="Volumes">Stage volumes of the range.</param>
/// <param name="Conversion">Lead→MQL, MQL→SAL, SAL→SQL, MQL→SQL, SQL→Won, Lead→Won, in that order.</param>
/// <param name="Velocity">Time in stage for Lead, MQL, SAL, SQL, Opportunity and Nurture, in that order.</param>
/// <param name="SpeedToLead">Capture → hand-off → first response.</param>
/// <param name="Sla">Sales SLA compliance of the range's hand-offs.</param>
/// <param name="Cost">Cost per stage; null for dimensions spend is not recorded by (form, owner).</param>
public sealed record KpiSegment(
    string Dimension,
    string Value,
    FunnelVolumes Volumes,
    IReadOnlyList<KpiConversion> Conversion,
    IReadOnlyList<KpiVelocity> Velocity,
    KpiSpeedToLead SpeedToLead,
    KpiSla Sla,
    KpiCost? Cost);

/// <summary>One stage conversion: later stage ÷ earlier stage over the range.</summary>
/// <param name="From">The earlier stage's code (<c>Lead</c>, <c>MQL</c>, …).</param>
/// <param name="To">The later stage's code.</param>
/// <param name="Numerator">Leads that reached <paramref name="To"/> in the range.</param>
/// <param name="Denominator">Leads that reached <paramref name="From"/> in the range.</param>
/// <param name="Rate">Numerator ÷ denominator, 4 decimals; null when the denominator is 0.</param>
public sealed record KpiConversion(string From, string To, int Numerator, int Denominator, double? Rate);

/// <summary>Time spent in one stage by the moves that left it in the range.</summary>
/// <param name="Stage">The stage's code.</param>
/// <param name="Count">Moves out of the stage.</param>
/// <param name="MedianHours">Median hours in the stage (histogram estimate, ±5 %); null without moves.</param>
/// <param name="P90Hours">90th percentile hours; null without moves.</param>
public sealed record KpiVelocity(string Stage, int Count, double? MedianHours, double? P90Hours);

/// <summary>A distribution of durations.</summary>
/// <param name="Count">Durations counted.</param>
/// <param name="MedianHours">Median hours (histogram estimate, ±5 %); null when none.</param>
/// <param name="P90Hours">90th percentile hours; null when none.</param>
public sealed record KpiDuration(int Count, double? MedianHours, double? P90Hours);

/// <summary>Speed to lead, by hand-off day.</summary>
/// <param name="CaptureToHandoff">Hand-off time minus capture time.</param>
/// <param name="HandoffToFirstResponse">First response minus hand-off, for answered hand-offs.</param>
public sealed record KpiSpeedToLead(KpiDuration CaptureToHandoff, KpiDuration HandoffToFirstResponse);

/// <summary>Sales SLA compliance of the hand-offs of the range.</summary>
/// <param name="Handoffs">Hand-offs to sales.</param>
/// <param name="RespondedWithinSla">First response at or before its due time (or without a due time).</param>
/// <param name="RespondedLate">First response after its due time.</param>
/// <param name="Missed">No response and the SLA clock recorded the breach.</param>
/// <param name="Pending">Neither answered nor breached yet.</param>
/// <param name="Compliance">Within ÷ (hand-offs − pending), 4 decimals; null when nothing is decided.</param>
/// <param name="FollowUpsMet">Follow-up windows neither breached nor open.</param>
/// <param name="FollowUpsMissed">Follow-up windows the SLA clock recorded missed.</param>
/// <param name="FollowUpsPending">Follow-up windows still open.</param>
/// <param name="AverageFollowUps">Counted follow-ups per hand-off, 2 decimals; null without hand-offs.</param>
/// <param name="FollowUpsRequired">The policy's minimum follow-ups.</param>
/// <param name="BreachesByOwner">SLA breaches per owner, most first.</param>
public sealed record KpiSla(
    int Handoffs,
    int RespondedWithinSla,
    int RespondedLate,
    int Missed,
    int Pending,
    double? Compliance,
    int FollowUpsMet,
    int FollowUpsMissed,
    int FollowUpsPending,
    double? AverageFollowUps,
    int FollowUpsRequired,
    IReadOnlyList<OwnerBreaches> BreachesByOwner);

/// <summary>Cost per stage: spend ÷ volume over the whole months the range covers.</summary>
/// <param name="Currency">The spend's currency; null without spend or with more than one currency.</param>
/// <param name="Spend">Spend of the whole months; null when any of them has no spend (see <paramref name="MissingMonths"/>), none is whole, or currencies differ.</param>
/// <param name="PerLead">Spend ÷ leads of those months, 2 decimals; null when spend is null or the volume 0.</param>
/// <param name="PerMql">Spend ÷ MQLs.</param>
/// <param name="PerSql">Spend ÷ SQLs.</param>
/// <param name="PerCustomer">Spend ÷ won.</param>
/// <param name="MissingMonths">Whole months of the range without a spend row (<c>yyyy-MM</c>), oldest first; never counted as 0.</param>
public sealed record KpiCost(
    string? Currency, decimal? Spend, decimal? PerLead, decimal? PerMql, decimal? PerSql, decimal? PerCustomer, IReadOnlyList<string> MissingMonths);

/// <summary>The totals of one period of the series.</summary>
/// <param name="Period">The label: <c>2026-01-05</c>, <c>2026-W02</c> or <c>2026-01</c>.</param>
/// <param name="Start">The period's first day (may precede the range's first day).</param>
/// <param name="Volumes">The volumes of the period's days inside the range.</param>
/// <param name="Goals">The goals for one such period (a weekly goal × 52 ÷ 12 per month, a monthly goal × 12 ÷ 52 per week, rounded); null for days or without goals.</param>
public sealed record KpiSeriesPoint(string Period, DateOnly Start, FunnelVolumes Volumes, IReadOnlyDictionary<string, int>? Goals);

/// <summary>One MQL cohort: the leads that first reached MQL in <paramref name="Month"/> and how many went on.</summary>
/// <param name="Month">The MQL month, <c>yyyy-MM</c> (UTC).</param>
/// <param name="Mqls">MQLs of the month.</param>
/// <param name="Lags">Lags 0 to 11: reached SQL and Won by the end of month + lag, cumulative.</param>
public sealed record KpiCohort(string Month, int Mqls, IReadOnlyList<KpiCohortLag> Lags);

/// <summary>A cohort by the end of one later month.</summary>
/// <param name="Lag">Months after the MQL month (0 = the same month).</param>
/// <param name="Month">That month, <c>yyyy-MM</c>.</param>
/// <param name="Sql">Cohort leads that reached SQL by then.</param>
/// <param name="SqlRate">Sql ÷ MQLs, 4 decimals; null without MQLs.</param>
/// <param name="Won">Cohort leads won by then.</param>
/// <param name="WonRate">Won ÷ MQLs; null without MQLs.</param>
/// <param name="Maturing">True when that month is not over yet (it is the current month or later): the figure can still grow.</param>
public sealed record KpiCohortLag(int Lag, string Month, int Sql, double? SqlRate, int Won, double? WonRate, bool Maturing);

/// <summary>How one scoring model version's scores held up against the outcomes sales recorded.</summary>
/// <param name="ModelVersion">The model version.</param>
/// <param name="Closed">Won plus lost moves in the range with this model's score.</param>
/// <param name="Won">Moves to Won.</param>
/// <param name="Lost">Moves to Lost.</param>
/// <param name="Auc">Realised AUC of the 0–100 score (Mann-Whitney, ties count ½), 4 decimals; null unless both outcomes occurred.</param>
/// <param name="Calibration">Per probability decile with closed leads: predicted mean vs realised win rate; empty without probabilities.</param>
/// <param name="Psi">Population stability of the last 30 days' new-lead scores against the training distribution (uniform deciles), 4 decimals; null for points models or without new leads.</param>
/// <param name="PsiLeads">New leads scored by this model in the last 30 days.</param>
public sealed record KpiModelHealth(
    string ModelVersion, int Closed, int Won, int Lost, double? Auc, IReadOnlyList<KpiCalibrationBucket> Calibration, double? Psi, int PsiLeads);

/// <summary>One probability decile of a calibration table.</summary>
/// <param name="From">Lowest probability of the decile (inclusive).</param>
/// <param name="To">Highest probability (exclusive; 1.0 inclusive for the last).</param>
/// <param name="Count">Closed leads whose probability fell in the decile.</param>
/// <param name="Predicted">Their mean probability, 4 decimals.</param>
/// <param name="Actual">Their realised win rate, 4 decimals.</param>
public sealed record KpiCalibrationBucket(double From, double To, int Count, double Predicted, double Actual);

/// <summary>A piece of computed guidance.</summary>
/// <param name="Code"><c>mql_definition_too_broad</c> or <c>mql_definition_too_narrow</c>.</param>
/// <param name="Message">Readable text with the rate and the band.</param>
/// <param name="Segment"><c>all</c> for the totals, else <c>{dimension}:{value}</c> (<c>channel:paid_search</c>).</param>
public sealed record KpiFlag(string Code, string Message, string Segment);
