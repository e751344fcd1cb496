namespace LeadIntake.Learning;

/// <summary>A point of the ROC curve.</summary>
/// <param name="FalsePositiveRate">Share of non-converters at or above the threshold.</param>
/// <param name="TruePositiveRate">Share of converters at or above the threshold.</param>
/// <param name="Threshold">Probability threshold.</param>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
