namespace LeadIntake.Domain.Kpis;

/// <summary>What it takes to reach a revenue goal through marketing: what <c>GET /api/kpis/plan</c> answers, serialised camelCase.</summary>
/// <remarks>
/// Built by <see cref="MarketingPlanCalculator"/>. Fields: the input (revenueGoal, marketingShare, averageDealSize, period),
/// marketingRevenueGoal, customersNeeded, rates (value and source, <c>measured</c> or <c>given</c>), needed (whole period),
/// perMonth and perWeek (rounded up to whole leads), costPerLead, spendNeeded and currency (null without measured spend),
/// steps (the arithmetic, in words). Versions: 1 — first format.
/// </remarks>
/// <param name="RevenueGoal">Revenue to reach in the period.</param>
/// <param name="MarketingShare">Share of it that marketing-sourced deals bring, 0–1.</param>
/// <param name="AverageDealSize">Revenue per won deal.</param>
/// <param name="Period">The period's code (<c>month</c>, <c>quarter</c>, <c>year</c>).</param>
/// <param name="MarketingRevenueGoal">Revenue goal × marketing share.</param>
/// <param name="CustomersNeeded">Marketing revenue goal ÷ average deal size (unrounded).</param>
/// <param name="Rates">The stage rates used.</param>
/// <param name="Needed">SQLs, MQLs and leads for the whole period, rounded up.</param>
/// <param name="PerMonth">Per month of the period, rounded up.</param>
/// <param name="PerWeek">Per week of the period (52 a year), rounded up.</param>
/// <param name="CostPerLead">The measured cost per lead of the last 12 whole months; null without spend.</param>
/// <param name="SpendNeeded">Leads needed × cost per lead, 2 decimals; null without a cost per lead.</param>
/// <param name="Currency">The currency of the cost; null without one.</param>
/// <param name="Steps">The arithmetic spelled out, one line per step, numbers formatted for people.</param>
public sealed record MarketingPlan(
    decimal RevenueGoal,
    double MarketingShare,
    decimal AverageDealSize,
    string Period,
    decimal MarketingRevenueGoal,
    double CustomersNeeded,
    PlanRates Rates,
    PlanNeeded Needed,
    PlanPerPeriod PerMonth,
    PlanPerPeriod PerWeek,
    decimal? CostPerLead,
    decimal? SpendNeeded,
    string? Currency,
    IReadOnlyList<string> Steps);

/// <summary>The three stage rates a plan divides by.</summary>
/// <param name="LeadToMql">Lead → MQL.</param>
/// <param name="MqlToSql">MQL → SQL.</param>
/// <param name="SqlToWon">SQL → Won.</param>
public sealed record PlanRates(PlanRate LeadToMql, PlanRate MqlToSql, PlanRate SqlToWon);

/// <summary>One stage rate of a plan.</summary>
/// <param name="Value">The rate, 0–1 (exclusive of 0).</param>
/// <param name="Source"><see cref="Measured"/> (the last 12 months' conversion) or <see cref="Given"/> (the request's override).</param>
public sealed record PlanRate(double Value, string Source)
{
    /// <summary>The source of a rate measured from the funnel.</summary>
    public const string Measured = "measured";

    /// <summary>The source of a rate the request gave.</summary>
    public const string Given = "given";
}

/// <summary>What the whole plan period needs, rounded up to whole leads.</summary>
/// <param name="Sqls">SQLs needed.</param>
/// <param name="Mqls">MQLs needed.</param>
/// <param name="Leads">Leads needed.</param>
public sealed record PlanNeeded(int Sqls, int Mqls, int Leads);

/// <summary>What one month or week of the plan period needs, rounded up.</summary>
/// <param name="Customers">Customers (won deals).</param>
/// <param name="Sqls">SQLs.</param>
/// <param name="Mqls">MQLs.</param>
/// <param name="Leads">Leads.</param>
public sealed record PlanPerPeriod(int Customers, int Sqls, int Mqls, int Leads);

/// <summary>One stage rate as the plan's caller has it: an override from the request and the measured value.</summary>
/// <param name="Given">The request's override, or null.</param>
/// <param name="Measured">The measured conversion of the last 12 months, or null when its denominator was 0.</param>
public sealed record PlanRateInput(double? Given, double? Measured);
