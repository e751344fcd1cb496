namespace LeadIntake.Learning;

/// <summary>The model families the trainer can produce, as written in the artifact's <c>modelKind</c>.</summary>
public static class ModelKind
{
    /// <summary>L2-regularised logistic regression (with a points scorecard).</summary>
    public const string LogisticRegression = "logistic-regression";

    /// <summary>Histogram gradient-boosted decision trees.</summary>
    public const string GradientBoostedTrees = "gradient-boosted-trees";

    /// <summary>Every kind, in the order the trainer tries them.</summary>
    public static IReadOnlyList<string> All { get; } = [LogisticRegression, GradientBoostedTrees];
}
