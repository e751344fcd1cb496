namespace LeadIntake.Domain.Scoring;

/// <summary>How a points rule compares a feature value.</summary>
public enum PointsCondition
{
    /// <summary>The value equals <see cref="PointsRule.Values"/>[0] (null matches a missing value).</summary>
    Equals,

    /// <summary>The value is one of <see cref="PointsRule.Values"/>.</summary>
    In,

    /// <summary>The numeric value is at least <see cref="PointsRule.Values"/>[0].</summary>
    AtLeast,
}
