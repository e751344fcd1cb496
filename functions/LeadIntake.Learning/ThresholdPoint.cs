namespace LeadIntake.Learning;

/// <summary>What happens if leads scoring at least <paramref name="Score"/> are promoted.</summary>
/// <param name="Score">Minimum score (0–100).</param>
/// <param name="LeadsPerWeek">Expected promoted leads per week at the stated volume.</param>
/// <param name="Precision">Expected share of promoted leads that convert.</param>
/// <param name="Recall">Expected share of all conversions among promoted leads.</param>
public sealed record ThresholdPoint(int Score, double LeadsPerWeek, double Precision, double Recall);
