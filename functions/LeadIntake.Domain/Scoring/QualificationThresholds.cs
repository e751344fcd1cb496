namespace LeadIntake.Domain.Scoring;

/// <summary>Scores at which the pipeline qualifies a lead.</summary>
/// <remarks>A lead scoring at least <see cref="SalesQualified"/> becomes an SQL; at least <see cref="MarketingQualified"/>, an MQL.</remarks>
public sealed record QualificationThresholds
{
    /// <summary>Creates thresholds; 0 ≤ MQL ≤ SQL ≤ 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range or MQL above SQL.</exception>
    public QualificationThresholds(int marketingQualified, int salesQualified)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(marketingQualified);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(salesQualified, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(marketingQualified, salesQualified);
        MarketingQualified = marketingQualified;
        SalesQualified = salesQualified;
    }

    /// <summary>Lowest score of a marketing qualified lead (MQL).</summary>
    public int MarketingQualified { get; }

    /// <summary>Lowest score of a sales qualified lead (SQL).</summary>
    public int SalesQualified { get; }
}
