using LeadIntake.Scoring;

namespace LeadIntake.Learning;

/// <summary>What the trainer found in one column of the history.</summary>
/// <param name="Name">Column name as in the file.</param>
/// <param name="Kind">Inferred (or forced with <see cref="TrainingOptions.Categorical"/>) kind.</param>
/// <param name="MissingRate">Share of labelled rows that are blank, a missing marker, or a stray token in a numeric column.</param>
/// <param name="DistinctCount">Distinct non-missing values.</param>
/// <param name="IsIdLike">Unique per row (or nearly), so never a feature.</param>
/// <param name="ExcludedReason">Why the column is not a feature, or <see langword="null"/> if it is one.</param>
/// <param name="SingleColumnAuc">ROC AUC of this column alone (out-of-fold target encoding), or <see langword="null"/> if not measured.</param>
/// <param name="Leak">The leakage guard's finding.</param>
/// <param name="Notes">What inference did to the column, in words (stray tokens read as missing, levels capped).</param>
public sealed record ColumnProfile(
    string Name,
    FeatureKind Kind,
    double MissingRate,
    int DistinctCount,
    bool IsIdLike,
    string? ExcludedReason,
    double? SingleColumnAuc,
    LeakLevel Leak,
    IReadOnlyList<string> Notes);

/// <summary>How suspicious a column's single-column AUC is.</summary>
public enum LeakLevel
{
    /// <summary>Not flagged.</summary>
    None,

    /// <summary>Suspiciously predictive: warned about, kept unless <see cref="TrainingOptions.DropLeaky"/>.</summary>
    Suspicious,

    /// <summary>Near-certain separation alone: training refuses unless the column is dropped or explicitly kept.</summary>
    Perfect,
}
