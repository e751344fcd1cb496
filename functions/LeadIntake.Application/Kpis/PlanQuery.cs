using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>A request for a marketing plan: the revenue goal and, optionally, stage rates that override the measured ones.</summary>
/// <param name="RevenueGoal">Revenue to reach in the period, &gt; 0.</param>
/// <param name="MarketingShare">Share of it from marketing-sourced deals, in (0, 1].</param>
/// <param name="AverageDealSize">Revenue per won deal, &gt; 0.</param>
/// <param name="Period">The period the goal is for.</param>
/// <param name="LeadToMql">Override of the Lead → MQL rate, in (0, 1]; null uses the measured one.</param>
/// <param name="MqlToSql">Override of the MQL → SQL rate.</param>
/// <param name="SqlToWon">Override of the SQL → Won rate.</param>
public sealed record PlanQuery(
    decimal RevenueGoal, double MarketingShare, decimal AverageDealSize, PlanPeriod Period, double? LeadToMql, double? MqlToSql, double? SqlToWon);
