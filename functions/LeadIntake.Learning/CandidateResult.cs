namespace LeadIntake.Learning;

/// <summary>Cross-validated performance of one model candidate (a kind plus hyper-parameters).</summary>
/// <param name="Name">Short name, e.g. <c>gbdt-leaves31-lr0.1</c>.</param>
/// <param name="Kind">A <see cref="ModelKind"/> value.</param>
/// <param name="HyperParameters">The settings tried, in words (<c>name=value</c>, comma-separated).</param>
/// <param name="FoldAucs">Validation AUC of each fold, in fold order.</param>
/// <param name="Iterations">Boosting rounds with the lowest validation log loss summed over the folds (<see langword="null"/> for linear models); the final fit uses it.</param>
public sealed record CandidateResult(string Name, string Kind, string HyperParameters, IReadOnlyList<double> FoldAucs, int? Iterations)
{
    /// <summary>Mean fold AUC.</summary>
    public double MeanAuc => FoldAucs.Average();

    /// <summary>Sample standard deviation of the fold AUCs (the cross-validation spread).</summary>
    public double AucStandardDeviation
    {
        get
        {
            if (FoldAucs.Count < 2)
                return 0;
            var mean = MeanAuc;
            return Math.Sqrt(FoldAucs.Sum(a => (a - mean) * (a - mean)) / (FoldAucs.Count - 1));
        }
    }
}
