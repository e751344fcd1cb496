using System.Globalization;

namespace LeadIntake.Domain.Kpis;

/// <summary>The marketing SLA calculator: from a revenue goal to the customers, SQLs, MQLs, leads and spend it takes.</summary>
/// <remarks>
/// <para>
/// Marketing revenue goal = revenue goal × marketing share; customers = that ÷ average deal size; SQLs = customers ÷
/// (SQL → Won); MQLs = SQLs ÷ (MQL → SQL); leads = MQLs ÷ (Lead → MQL). The chain runs on unrounded figures; the
/// period's needs, and those per month (1, 3 or 12 a period) and per week (52 a year: 52 ÷ 12, 13 or 52 a period), are
/// rounded up to whole leads. Spend needed = leads needed × cost per lead.
/// </para>
/// <para>
/// Each rate is the request's override when given, else the measured one. A rate must lie in (0, 1]; a measured rate
/// that is missing (nothing reached the earlier stage), 0 or above 1 cannot be divided by and needs an override.
/// <see cref="MarketingPlan.Steps"/> spell out the arithmetic with numbers formatted for people (invariant culture,
/// thousands separators, rates as percentages with one decimal).
/// </para>
/// </remarks>
public static class MarketingPlanCalculator
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>The plan.</summary>
    /// <param name="revenueGoal">Revenue to reach in the period, &gt; 0 (<c>revenueGoal</c>).</param>
    /// <param name="marketingShare">Share from marketing, in (0, 1] (<c>marketingShare</c>).</param>
    /// <param name="averageDealSize">Revenue per won deal, &gt; 0 (<c>averageDealSize</c>).</param>
    /// <param name="period">The period of the goal.</param>
    /// <param name="leadToMql">Lead → MQL, given and measured (<c>leadToMql</c>).</param>
    /// <param name="mqlToSql">MQL → SQL (<c>mqlToSql</c>).</param>
    /// <param name="sqlToWon">SQL → Won (<c>sqlToWon</c>).</param>
    /// <param name="costPerLead">The measured cost per lead, or null.</param>
    /// <param name="currency">Its currency, or null.</param>
    /// <exception cref="PlanInputException">An input is out of range, or a rate is neither given nor usefully measured.</exception>
    public static MarketingPlan Calculate(
        decimal revenueGoal, double marketingShare, decimal averageDealSize, PlanPeriod period,
        PlanRateInput leadToMql, PlanRateInput mqlToSql, PlanRateInput sqlToWon, decimal? costPerLead, string? currency)
    {
        ArgumentNullException.ThrowIfNull(leadToMql);
        ArgumentNullException.ThrowIfNull(mqlToSql);
        ArgumentNullException.ThrowIfNull(sqlToWon);
        if (revenueGoal <= 0)
            throw new PlanInputException("revenueGoal", "The revenue goal must be more than 0.");
        if (double.IsNaN(marketingShare) || marketingShare is <= 0 or > 1)
            throw new PlanInputException("marketingShare", "The marketing share must be more than 0 and at most 1 (0.4 for 40 %).");
        if (averageDealSize <= 0)
            throw new PlanInputException("averageDealSize", "The average deal size must be more than 0.");
        var rates = new PlanRates(
            Choose("leadToMql", "Lead → MQL", leadToMql), Choose("mqlToSql", "MQL → SQL", mqlToSql), Choose("sqlToWon", "SQL → Won", sqlToWon));

        var marketingRevenueGoal = revenueGoal * (decimal)marketingShare;
        var customers = (double)(marketingRevenueGoal / averageDealSize);
        var sqls = customers / rates.SqlToWon.Value;
        var mqls = sqls / rates.MqlToSql.Value;
        var leads = mqls / rates.LeadToMql.Value;
        var (months, weeks) = period switch
        {
            PlanPeriod.Month => (1.0, 52.0 / 12),
            PlanPeriod.Quarter => (3.0, 13.0),
            PlanPeriod.Year => (12.0, 52.0),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a plan period."),
        };
        var needed = new PlanNeeded(Up(sqls), Up(mqls), Up(leads));
        var perMonth = new PlanPerPeriod(Up(customers / months), Up(sqls / months), Up(mqls / months), Up(leads / months));
        var perWeek = new PlanPerPeriod(Up(customers / weeks), Up(sqls / weeks), Up(mqls / weeks), Up(leads / weeks));
        var spendNeeded = costPerLead is { } cpl ? Math.Round(needed.Leads * cpl, 2, MidpointRounding.AwayFromZero) : (decimal?)null;

        var steps = new List<string>
        {
            $"Marketing revenue goal = {Number(revenueGoal)} × {Percent(marketingShare)} = {Number(marketingRevenueGoal)}",
            $"Customers needed = {Number(marketingRevenueGoal)} ÷ {Number(averageDealSize)} = {Number(customers)}",
            Divide("SQLs", customers, rates.SqlToWon, "SQL → Won", sqls),
            Divide("MQLs", sqls, rates.MqlToSql, "MQL → SQL", mqls),
            Divide("Leads", mqls, rates.LeadToMql, "Lead → MQL", leads),
            $"Per month (÷ {Number(months)}): {PerPeriod(perMonth)}",
            $"Per week (÷ {Number(weeks)}): {PerPeriod(perWeek)}",
            costPerLead is { } perLead && spendNeeded is { } spend
                ? $"Spend needed = {Number(needed.Leads)} leads × {Money(perLead)} {currency} per lead = {Money(spend)} {currency}"
                : "Spend needed: unknown, no cost per lead was measured (a month of the last 12 has no spend recorded)",
        };

        return new MarketingPlan(
            revenueGoal, marketingShare, averageDealSize, PlanPeriodCodes.Table.ToCode(period), marketingRevenueGoal, Math.Round(customers, 4),
            rates, needed, perMonth, perWeek, costPerLead, spendNeeded, costPerLead is null ? null : currency, steps);
    }

    private static PlanRate Choose(string field, string name, PlanRateInput input)
    {
        if (input.Given is { } given)
        {
            return double.IsNaN(given) || given is <= 0 or > 1
                ? throw new PlanInputException(field, $"The {name} rate must be more than 0 and at most 1 (0.25 for 25 %).")
                : new PlanRate(given, PlanRate.Given);
        }

        return input.Measured switch
        {
            null => throw new PlanInputException(field, $"No {name} rate could be measured over the last 12 months (no leads reached the earlier stage); give {field}."),
            <= 0 or > 1 => throw new PlanInputException(
                field, string.Create(s_inv, $"The measured {name} rate of the last 12 months is {input.Measured:P1}, which cannot be planned with; give {field}.")),
            { } measured => new PlanRate(measured, PlanRate.Measured),
        };
    }

    private static string Divide(string what, double dividend, PlanRate rate, string name, double result)
    {
        var rounded = Up(result);
        var outcome = Math.Abs(result - rounded) < 1e-9 ? Number(rounded) : $"{Number(result)}, rounded up {Number(rounded)}";
        return $"{what} needed = {Number(dividend)} ÷ {Percent(rate.Value)} ({name}, {rate.Source}) = {outcome}";
    }

    private static string PerPeriod(PlanPerPeriod per) =>
        $"{Number(per.Customers)} customers, {Number(per.Sqls)} SQLs, {Number(per.Mqls)} MQLs, {Number(per.Leads)} leads";

    // Rounded to 6 decimals first, so 76.80000000000001 leads is 77, not 78, and 40.000000001 is 40.
    private static int Up(double value) => (int)Math.Ceiling(Math.Round(value, 6));

    private static string Number(double value) => value.ToString("#,##0.##", s_inv);

    private static string Number(decimal value) => value.ToString("#,##0.##", s_inv);

    private static string Number(int value) => value.ToString("#,##0", s_inv);

    private static string Money(decimal value) => value.ToString("#,##0.00", s_inv);

    private static string Percent(double rate) => (rate * 100).ToString("0.0", s_inv) + " %";
}
