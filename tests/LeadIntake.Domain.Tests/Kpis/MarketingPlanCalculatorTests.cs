using LeadIntake.Domain.Kpis;

namespace LeadIntake.Domain.Tests.Kpis;

public class MarketingPlanCalculatorTests
{
    [Fact]
    public void Calculate_ContractExample_SpellsOutTheArithmetic()
    {
        // 1,200,000 × 40 % = 480,000; ÷ 25,000 = 19.2 customers; ÷ 25 % = 76.8 SQLs (77); ÷ 40 % = 192 MQLs; ÷ 20 % = 960 leads.
        // Per month (÷ 12): 1.6 → 2, 6.4 → 7, 16, 80. Per week (÷ 52): 0.37 → 1, 1.48 → 2, 3.69 → 4, 18.46 → 19. Spend 960 × 12.50 = 12,000.00.
        var plan = MarketingPlanCalculator.Calculate(
            1_200_000m, 0.4, 25_000m, PlanPeriod.Year,
            new PlanRateInput(null, 0.2), new PlanRateInput(0.4, 0.31), new PlanRateInput(null, 0.25), 12.5m, "EUR");

        Assert.Equal(480_000m, plan.MarketingRevenueGoal);
        Assert.Equal(19.2, plan.CustomersNeeded);
        Assert.Equal(new PlanRates(new PlanRate(0.2, "measured"), new PlanRate(0.4, "given"), new PlanRate(0.25, "measured")), plan.Rates);
        Assert.Equal(new PlanNeeded(77, 192, 960), plan.Needed);
        Assert.Equal(new PlanPerPeriod(2, 7, 16, 80), plan.PerMonth);
        Assert.Equal(new PlanPerPeriod(1, 2, 4, 19), plan.PerWeek);
        Assert.Equal(12_000m, plan.SpendNeeded);
        Assert.Equal("EUR", plan.Currency);
        Assert.Equal("year", plan.Period);
        Assert.Equal(
            [
                "Marketing revenue goal = 1,200,000 × 40.0 % = 480,000",
                "Customers needed = 480,000 ÷ 25,000 = 19.2",
                "SQLs needed = 19.2 ÷ 25.0 % (SQL → Won, measured) = 76.8, rounded up 77",
                "MQLs needed = 76.8 ÷ 40.0 % (MQL → SQL, given) = 192",
                "Leads needed = 192 ÷ 20.0 % (Lead → MQL, measured) = 960",
                "Per month (÷ 12): 2 customers, 7 SQLs, 16 MQLs, 80 leads",
                "Per week (÷ 52): 1 customers, 2 SQLs, 4 MQLs, 19 leads",
                "Spend needed = 960 leads × 12.50 EUR per lead = 12,000.00 EUR",
            ],
            plan.Steps);
    }

    [Fact]
    public void Calculate_QuarterWithoutCost_WeeksAreThirteenAndSpendUnknown()
    {
        // 300,000 × 50 % = 150,000 ÷ 10,000 = 15 customers ÷ 50 % = 30 SQLs ÷ 50 % = 60 MQLs ÷ 10 % = 600 leads;
        // per month ÷ 3: 5, 10, 20, 200; per week ÷ 13: 1.15 → 2, 2.31 → 3, 4.62 → 5, 46.2 → 47.
        var plan = MarketingPlanCalculator.Calculate(
            300_000m, 0.5, 10_000m, PlanPeriod.Quarter, new PlanRateInput(0.1, null), new PlanRateInput(0.5, null), new PlanRateInput(0.5, null), null, null);

        Assert.Equal(new PlanNeeded(30, 60, 600), plan.Needed);
        Assert.Equal(new PlanPerPeriod(5, 10, 20, 200), plan.PerMonth);
        Assert.Equal(new PlanPerPeriod(2, 3, 5, 47), plan.PerWeek);
        Assert.Null(plan.SpendNeeded);
        Assert.Null(plan.Currency);
        Assert.StartsWith("Spend needed: unknown", plan.Steps[^1]);
    }

    [Theory]
    [InlineData(0, 0.4, 25000, "revenueGoal")]
    [InlineData(-1, 0.4, 25000, "revenueGoal")]
    [InlineData(1000, 0, 25000, "marketingShare")]
    [InlineData(1000, 1.01, 25000, "marketingShare")]
    [InlineData(1000, double.NaN, 25000, "marketingShare")]
    [InlineData(1000, 0.4, 0, "averageDealSize")]
    public void Calculate_GoalOutOfRange_NamesTheField(double revenueGoal, double share, double dealSize, string field)
    {
        var error = Assert.Throws<PlanInputException>(() => MarketingPlanCalculator.Calculate(
            (decimal)revenueGoal, share, (decimal)dealSize, PlanPeriod.Month, new(0.2, null), new(0.2, null), new(0.2, null), null, null));

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(null, null, "leadToMql")]   // nothing measured, nothing given
    [InlineData(null, 0.0, "leadToMql")]    // measured 0: cannot divide by it
    [InlineData(null, 1.5, "leadToMql")]    // measured above 100 % (later stage counted more than the earlier in the range)
    [InlineData(0.0, 0.2, "leadToMql")]     // an override of 0
    [InlineData(1.2, 0.2, "leadToMql")]
    public void Calculate_UnusableRate_NamesTheRateParameter(double? given, double? measured, string field)
    {
        var error = Assert.Throws<PlanInputException>(() => MarketingPlanCalculator.Calculate(
            1000m, 0.5, 100m, PlanPeriod.Month, new(given, measured), new(0.2, null), new(0.2, null), null, null));

        Assert.Equal(field, error.Field);
        Assert.Contains("Lead → MQL", error.Message);
    }

    [Fact]
    public void Calculate_UnusableMeasuredRateWithOverride_UsesTheOverride()
    {
        var plan = MarketingPlanCalculator.Calculate(1000m, 0.5, 100m, PlanPeriod.Month, new(0.5, null), new(0.5, 0.0), new(0.5, null), null, null);

        Assert.Equal(new PlanRate(0.5, "given"), plan.Rates.MqlToSql);
    }
}
