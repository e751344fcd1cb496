namespace LeadIntake.Scoring;

/// <summary>A scored lead.</summary>
/// <param name="Probability">Calibrated probability of converting (calibrator fitted out of fold).</param>
/// <param name="RawScore">The model's uncalibrated output (log-odds).</param>
/// <param name="Score">0–100 on the card's <see cref="ScoreScale"/>.</param>
/// <param name="Grade">A–D from the card's cut-offs.</param>
/// <param name="ModelVersion">Version of the model that scored.</param>
/// <param name="Reasons">Up to 5 positive (largest first) then up to 5 negative (most negative first) contributions by source column.</param>
public sealed record ModelScore(double Probability, double RawScore, int Score, string Grade, string ModelVersion, IReadOnlyList<ScoreContribution> Reasons);

/// <summary>How much one source column moved the raw score: the sum of its slots' ML.NET feature contributions.</summary>
/// <param name="Feature">Source column name.</param>
/// <param name="Value">The lead's value of it (trimmed text or invariant number), or <see langword="null"/> when missing.</param>
/// <param name="Contribution">Change in raw score (log-odds); positive raises the score.</param>
public sealed record ScoreContribution(string Feature, string? Value, double Contribution);
