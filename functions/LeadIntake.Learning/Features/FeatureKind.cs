namespace LeadIntake.Learning.Features;

/// <summary>How a raw column is read: as a number or as a category label.</summary>
public enum FeatureKind
{
    /// <summary>Parsed as an invariant-culture number; missing markers become NaN.</summary>
    Numeric,

    /// <summary>Matched against the learned levels; rare or unseen values fall into "other".</summary>
    Categorical,
}
