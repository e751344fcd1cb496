using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Kpis;

/// <summary>The period a volume goal is set for.</summary>
public enum GoalPeriod
{
    /// <summary>Per ISO week ("week").</summary>
    Week,

    /// <summary>Per calendar month ("month").</summary>
    Month,
}

/// <summary>The volumes both teams signed up to, per week or month: the policy's <c>kpis.goals</c>.</summary>
/// <param name="Period">What one goal covers.</param>
/// <param name="Volumes">
/// Goal per main-line stage reached (Lead, MQL, SAL, SQL, Opportunity, Won); a stage without a goal is absent.
/// </param>
public sealed record FunnelGoals(GoalPeriod Period, IReadOnlyDictionary<FunnelStage, int> Volumes)
{
    /// <summary>No goals set.</summary>
    public static FunnelGoals None { get; } = new(GoalPeriod.Month, new Dictionary<FunnelStage, int>());
}

/// <summary>
/// The range an MQL → SQL rate is expected in: below <paramref name="Low"/> the MQL definition may be too broad, above
/// <paramref name="High"/> too narrow. The policy's <c>kpis.mqlToSqlBand</c>.
/// </summary>
/// <param name="Low">Lowest healthy rate, 0–1.</param>
/// <param name="High">Highest healthy rate, 0–1, above <paramref name="Low"/>.</param>
public sealed record ConversionBand(double Low, double High)
{
    /// <summary>The default band, 10 %–50 %.</summary>
    public static ConversionBand Default { get; } = new(0.10, 0.50);
}
