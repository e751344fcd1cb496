namespace LeadIntake.Learning.Linear;

/// <summary>Settings of <see cref="LogisticRegressionTrainer"/>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>L2 penalty on the weights (not the intercept), on the summed log loss; 1 matches scikit-learn's C = 1.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Newton iterations at most.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <summary>Stop when no parameter moves more than this.</summary>
    public double Tolerance { get; init; } = 1e-8;
}
