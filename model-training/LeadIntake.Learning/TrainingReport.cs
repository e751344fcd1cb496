using LeadIntake.Scoring;

namespace LeadIntake.Learning;

/// <summary>Everything a reviewer needs beside the card; <see cref="TrainingReportHtml"/> renders it.</summary>
/// <remarks>Charts use the holdout when there is one (<see cref="EvaluatedOn"/> says which), else the out-of-fold training scores.</remarks>
public sealed record TrainingReport
{
    /// <summary>Columns, label interpretation, IDs and leakage findings.</summary>
    public required DatasetProfile Profile { get; init; }

    /// <summary>"holdout" or "out-of-fold training rows".</summary>
    public required string EvaluatedOn { get; init; }

    /// <summary>ROC curve points (false positive rate, true positive rate).</summary>
    public required IReadOnlyList<(double X, double Y)> Roc { get; init; }

    /// <summary>Calibration bins (from, mean predicted, observed, leads).</summary>
    public required IReadOnlyList<(double From, double MeanPredicted, double Observed, int Rows)> Calibration { get; init; }

    /// <summary>Leads per score band of ten, converted and not.</summary>
    public required IReadOnlyList<(int From, int Converted, int NotConverted)> ScoreDistribution { get; init; }

    /// <summary>Source columns by mean |contribution| in the final model, largest first.</summary>
    public required IReadOnlyList<(string Feature, double Importance)> FeatureImportance { get; init; }

    /// <summary>Points from the logistic model fitted on the training rows; 20 points double the odds.</summary>
    public required IReadOnlyList<(string Feature, string Value, double Points)> Scorecard { get; init; }

    /// <summary>Wall time of the final fit of the chosen model.</summary>
    public required double FitSeconds { get; init; }

    /// <summary>Wall time of the whole <see cref="LeadModelTrainer.Train"/> call.</summary>
    public required double TotalSeconds { get; init; }
}
