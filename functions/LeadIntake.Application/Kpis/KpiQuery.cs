using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>A request for the funnel KPIs of a range of UTC days.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day (inclusive), on or after <paramref name="From"/> and at most <see cref="MaxDays"/> days later.</param>
/// <param name="GroupBy">The breakdown of <see cref="KpiReport.Segments"/>.</param>
/// <param name="Period">The bucket of <see cref="KpiReport.Series"/>.</param>
public sealed record KpiQuery(DateOnly From, DateOnly To, KpiDimension GroupBy, KpiPeriod Period)
{
    /// <summary>The longest range one request may ask for, in days (two years and a leap day).</summary>
    public const int MaxDays = 731;

    /// <summary>Why the range is unusable (naming <c>from</c> or <c>to</c>), or null when it is fine.</summary>
    public (string Field, string Message)? Problem() =>
        To < From ? ("to", "'to' must be on or after 'from'.")
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? ("to", $"A KPI range covers at most {MaxDays} days.")
        : null;
}
