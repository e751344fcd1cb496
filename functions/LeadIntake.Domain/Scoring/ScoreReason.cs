namespace LeadIntake.Domain.Scoring;

/// <summary>One reason behind a score: a feature, its value and how much it moved the score.</summary>
/// <param name="Feature">The feature name (<see cref="LeadFeatureNames"/>).</param>
/// <param name="Value">The lead's value of that feature, formatted ("corporate", "1").</param>
/// <param name="Contribution">Points (points model) or contribution (trained model); negative lowers the score.</param>
public sealed record ScoreReason(string Feature, string? Value, double Contribution);
