namespace LeadIntake.Domain.Scoring;

/// <summary>The result of scoring a lead.</summary>
/// <param name="Probability">Estimated chance of conversion, 0–1 (for the points model: score / 100, uncalibrated).</param>
/// <param name="Score">The score, 0–100.</param>
/// <param name="Grade">"A" (best) to "D".</param>
/// <param name="ModelVersion">Version of the model that scored, recorded with every decision.</param>
/// <param name="Reasons">The reasons, largest effect first.</param>
public sealed record LeadScore(double Probability, int Score, string Grade, string ModelVersion, IReadOnlyList<ScoreReason> Reasons);
