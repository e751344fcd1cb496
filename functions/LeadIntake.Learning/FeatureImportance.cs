namespace LeadIntake.Learning;

/// <summary>How much a feature moves the chosen model's raw score: mean absolute contribution over the training leads.</summary>
/// <param name="Feature">Raw column name.</param>
/// <param name="Importance">Mean |contribution| in log-odds.</param>
public sealed record FeatureImportance(string Feature, double Importance);
