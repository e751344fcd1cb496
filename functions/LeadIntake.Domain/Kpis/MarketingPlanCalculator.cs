namespace LeadIntake.Domain.Kpis;

/// <summary>The marketing SLA calculator: from a revenue goal to the customers, SQLs, MQLs, leads and spend it takes.</summary>
public static class MarketingPlanCalculator
{
    /// <summary>The plan.</summary>
    /// <exception cref="PlanInputException">An input is out of range, or a rate is neither given nor usefully measured.</exception>
    public static MarketingPlan Calculate(
        decimal revenueGoal, double marketingShare, decimal averageDealSize, PlanPeriod period,
        PlanRateInput leadToMql, PlanRateInput mqlToSql, PlanRateInput sqlToWon, decimal? costPerLead, string? currency) =>
        throw new NotImplementedException();
}
