using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>The marketing SLA calculator on the measured funnel: stage rates and cost per lead of the last 12 months, unless overridden.</summary>
/// <remarks>
/// "The last 12 months" are the UTC days from a year ago tomorrow up to today, measured by <see cref="QueryKpis"/> (the
/// totals' Lead → MQL, MQL → SQL and SQL → Won conversions; the cost per lead of that range's whole months). Thread-safe.
/// </remarks>
public sealed class PlanMarketing(QueryKpis kpis, TimeProvider timeProvider)
{
    /// <summary>The plan for <paramref name="query"/>.</summary>
    /// <exception cref="PlanInputException">An input is out of range, or a rate is neither given nor measured.</exception>
    public async Task<MarketingPlan> RunAsync(PlanQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = KpiCalendar.DayOf(timeProvider.GetUtcNow());
        var measured = await kpis.RunAsync(new KpiQuery(today.AddMonths(-12).AddDays(1), today, KpiDimension.All, KpiPeriod.Month), cancellationToken);
        var totals = measured.Totals;
        return MarketingPlanCalculator.Calculate(
            query.RevenueGoal, query.MarketingShare, query.AverageDealSize, query.Period,
            new PlanRateInput(query.LeadToMql, Rate(totals, "Lead", "MQL")),
            new PlanRateInput(query.MqlToSql, Rate(totals, "MQL", "SQL")),
            new PlanRateInput(query.SqlToWon, Rate(totals, "SQL", "Won")),
            totals.Cost?.PerLead, totals.Cost?.Currency);
    }

    private static double? Rate(KpiSegment totals, string from, string to) =>
        totals.Conversion.Single(pair => pair.From == from && pair.To == to).Rate;
}
