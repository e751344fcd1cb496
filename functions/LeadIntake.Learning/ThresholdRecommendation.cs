namespace LeadIntake.Learning;

/// <summary>Recommended MQL and SQL score thresholds for a stated sales capacity and target precision.</summary>
/// <param name="WeeklyLeadVolume">Leads per week assumed.</param>
/// <param name="WeeklySalesCapacity">SQLs sales can work per week.</param>
/// <param name="MarketingQualified">MQL threshold: lowest score from which the next ten points convert at the MQL target rate.</param>
/// <param name="SalesQualified">SQL threshold: lowest score that fits sales capacity and reaches the SQL target precision.</param>
/// <param name="Notes">Plain-language caveats (e.g. a target that cannot be met).</param>
public sealed record ThresholdRecommendation(
    int WeeklyLeadVolume,
    int WeeklySalesCapacity,
    ThresholdPoint MarketingQualified,
    ThresholdPoint SalesQualified,
    IReadOnlyList<string> Notes);
