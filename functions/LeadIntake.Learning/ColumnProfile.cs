using LeadIntake.Learning.Features;

namespace LeadIntake.Learning;

/// <summary>What the trainer found in one column of the history.</summary>
/// <param name="Name">Column name as in the file.</param>
/// <param name="Kind">Inferred kind.</param>
/// <param name="MissingRate">Share of rows that are blank or a missing marker.</param>
/// <param name="DistinctCount">Distinct non-missing values.</param>
/// <param name="IsIdLike">Unique per row (or nearly), so never a feature.</param>
/// <param name="ExcludedReason">Why the column is not a feature, or <see langword="null"/> if it is one.</param>
/// <param name="SingleColumnAuc">ROC AUC of this column alone (out-of-fold target encoding), or <see langword="null"/> if not measured.</param>
/// <param name="IsLikelyLeak">Flagged by the leakage guard.</param>
public sealed record ColumnProfile(
    string Name,
    FeatureKind Kind,
    double MissingRate,
    int DistinctCount,
    bool IsIdLike,
    string? ExcludedReason,
    double? SingleColumnAuc,
    bool IsLikelyLeak);
