namespace LeadIntake.Learning;

/// <summary>Everything a reviewer needs to judge a trained model; <see cref="TrainingReportHtml"/> renders it.</summary>
/// <remarks>
/// <see cref="Metrics"/>, <see cref="Roc"/> and <see cref="ScoreDistribution"/> are out-of-fold: every lead is scored by a
/// model that never saw it, with the calibration fitted on the out-of-fold raw scores.
/// </remarks>
public sealed record TrainingReport
{
    /// <summary>Columns, label interpretation, IDs and leakage findings.</summary>
    public required DatasetProfile Profile { get; init; }

    /// <summary>Every candidate tried, with its fold AUCs (the cross-validation spread).</summary>
    public required IReadOnlyList<CandidateResult> Candidates { get; init; }

    /// <summary>The candidate with the best mean AUC, which the artifact holds.</summary>
    public required CandidateResult Chosen { get; init; }

    /// <summary>Out-of-fold metrics of the chosen candidate (calibrated probabilities).</summary>
    public required EvaluationMetrics Metrics { get; init; }

    /// <summary>Out-of-fold ROC curve of the chosen candidate.</summary>
    public required IReadOnlyList<RocPoint> Roc { get; init; }

    /// <summary>Out-of-fold score distribution by outcome, ten-point bins.</summary>
    public required IReadOnlyList<ScoreHistogramBin> ScoreDistribution { get; init; }

    /// <summary>Features by mean absolute contribution in the final model, largest first.</summary>
    public required IReadOnlyList<FeatureImportance> FeatureImportance { get; init; }

    /// <summary>Points scorecard from the logistic model fitted on all rows (shown even when trees were chosen).</summary>
    public required IReadOnlyList<ScorecardEntry> Scorecard { get; init; }

    /// <summary>Columns the leakage guard flagged.</summary>
    public required IReadOnlyList<LeakWarning> LeakWarnings { get; init; }

    /// <summary>ID-like columns that were excluded.</summary>
    public required IReadOnlyList<string> IdColumns { get; init; }

    /// <summary>Recommended MQL/SQL thresholds.</summary>
    public required ThresholdRecommendation Thresholds { get; init; }

    /// <summary>Grade cut-offs stored in the artifact.</summary>
    public required GradeCutoffs Grades { get; init; }

    /// <summary>Wall time of the final fit of the chosen model (no CSV parsing, no cross-validation).</summary>
    public required double FitSeconds { get; init; }

    /// <summary>Wall time of the whole <see cref="LeadModelTrainer.Train"/> call.</summary>
    public required double TotalSeconds { get; init; }
}
