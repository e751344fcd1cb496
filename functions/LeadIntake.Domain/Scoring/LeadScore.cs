namespace LeadIntake.Domain.Scoring;

/// <summary>The result of scoring a lead.</summary>
/// <param name="Probability">
/// Calibrated chance of conversion, 0–1, from a trained model; null when the scorer has no probability to give
/// (the points model: its score is a sum of points, not a chance, and is never passed off as one).
/// </param>
/// <param name="Score">The score, 0–100.</param>
/// <param name="Grade">"A" (best) to "D".</param>
/// <param name="ModelVersion">Version of the model that scored, recorded with every decision.</param>
/// <param name="Reasons">The reasons, largest effect first.</param>
public sealed record LeadScore(double? Probability, int Score, string Grade, string ModelVersion, IReadOnlyList<ScoreReason> Reasons);
