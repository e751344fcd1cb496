namespace LeadIntake.Learning;

/// <summary>Identifies the history a model was trained on.</summary>
/// <param name="Sha256">Hex SHA-256 over the header and every used row (cells joined by U+001F, rows ended by U+001E, missing as U+0000).</param>
/// <param name="Rows">Rows used.</param>
/// <param name="Positives">Positive rows.</param>
public sealed record TrainingDataFingerprint(string Sha256, int Rows, int Positives);
