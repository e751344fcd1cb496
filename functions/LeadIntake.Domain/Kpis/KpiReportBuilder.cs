using LeadIntake.Domain.Policy;

namespace LeadIntake.Domain.Kpis;

/// <summary>Everything a <see cref="KpiReport"/> is built from: aggregate rows only.</summary>
/// <param name="From">First UTC day.</param>
/// <param name="To">Last UTC day (inclusive).</param>
/// <param name="GroupBy">The breakdown.</param>
/// <param name="Period">The series' period.</param>
/// <param name="Rows">The volume rows of the range: <c>all|all</c> and those of <paramref name="GroupBy"/>.</param>
/// <param name="Models">The model rows of the range.</param>
/// <param name="RecentModels">The model rows of the 30 days up to <paramref name="Now"/>, for drift.</param>
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
public static class KpiReportBuilder
{
    /// <summary>The report of <paramref name="input"/>.</summary>
    public static KpiReport Build(KpiReportInput input) => throw new NotImplementedException();
}
