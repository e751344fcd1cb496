namespace LeadIntake.Learning.Trees;

/// <summary>Settings of <see cref="GradientBoostedTreesTrainer"/> (names follow LightGBM where they mean the same).</summary>
public sealed record GradientBoostedTreesOptions
{
    /// <summary>Boosting rounds at most (early stopping may keep fewer).</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Shrinkage applied to every leaf value.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Leaves per tree at most (trees grow best-first).</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Depth per tree at most (root = depth 0).</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Rows per leaf at least.</summary>
    public int MinLeafSize { get; init; } = 20;

    /// <summary>L2 penalty on leaf values (added to the hessian sum).</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Smoothing added to the hessian when ordering categories for a split (LightGBM <c>cat_smooth</c>).</summary>
    public double CategoricalSmoothing { get; init; } = 10;

    /// <summary>Extra L2 in the gain of categorical splits, which overfit more easily (LightGBM <c>cat_l2</c>).</summary>
    public double CategoricalL2 { get; init; } = 10;

    /// <summary>Categories with fewer rows in a node are not split off on their own; they follow the right side (LightGBM <c>min_data_per_group</c>).</summary>
    public int MinCategoryRows { get; init; } = 50;

    /// <summary>Histogram bins per feature at most, including the missing-value bin (≤ 255).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Stop after this many rounds without a better validation log loss; 0 disables early stopping.</summary>
    public int EarlyStoppingRounds { get; init; } = 40;

    /// <summary>Share of the rows held out (stratified, seeded) to decide early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the validation split.</summary>
    public int Seed { get; init; } = 42;
}
