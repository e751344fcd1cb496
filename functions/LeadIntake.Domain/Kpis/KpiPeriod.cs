namespace LeadIntake.Domain.Kpis;

/// <summary>The period a KPI series is bucketed by.</summary>
/// <remarks>Codes: <see cref="KpiPeriodCodes"/> (<c>day</c>, <c>week</c>, <c>month</c>). Days and months are UTC; weeks are ISO weeks of UTC days.</remarks>
public enum KpiPeriod
{
    /// <summary>One UTC day ("day"), labelled <c>2026-01-05</c>.</summary>
    Day,

    /// <summary>One ISO week, Monday to Sunday ("week"), labelled <c>2026-W02</c>.</summary>
    Week,

    /// <summary>One calendar month ("month"), labelled <c>2026-01</c>.</summary>
    Month,
}

/// <summary>The codes of <see cref="KpiPeriod"/>.</summary>
public static class KpiPeriodCodes
{
    /// <summary>The table: <c>day</c>, <c>week</c>, <c>month</c>.</summary>
    public static CodeTable<KpiPeriod> Table { get; } = new((KpiPeriod.Day, "day"), (KpiPeriod.Week, "week"), (KpiPeriod.Month, "month"));
}

/// <summary>The period a marketing plan is made for.</summary>
/// <remarks>Codes: <see cref="PlanPeriodCodes"/> (<c>month</c>, <c>quarter</c>, <c>year</c>).</remarks>
public enum PlanPeriod
{
    /// <summary>One month ("month").</summary>
    Month,

    /// <summary>Three months ("quarter").</summary>
    Quarter,

    /// <summary>Twelve months ("year").</summary>
    Year,
}

/// <summary>The codes of <see cref="PlanPeriod"/>.</summary>
public static class PlanPeriodCodes
{
    /// <summary>The table: <c>month</c>, <c>quarter</c>, <c>year</c>.</summary>
    public static CodeTable<PlanPeriod> Table { get; } = new((PlanPeriod.Month, "month"), (PlanPeriod.Quarter, "quarter"), (PlanPeriod.Year, "year"));
}
