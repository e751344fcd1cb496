namespace LeadIntake.Learning;

/// <summary>One feature's share of a lead's raw score (log-odds), relative to the model's base value.</summary>
/// <param name="Feature">Raw column name.</param>
/// <param name="Value">The lead's value for it as the model saw it (<see langword="null"/> when missing).</param>
/// <param name="Contribution">Log-odds added (positive) or removed (negative).</param>
public sealed record ScoreContribution(string Feature, string? Value, double Contribution);
