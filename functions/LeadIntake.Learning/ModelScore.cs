namespace LeadIntake.Learning;

/// <summary>A scored lead.</summary>
/// <remarks>
/// <c>BaseValue + Σ Reasons.Contribution + OtherContribution == RawScore</c> exactly (up to rounding): exact terms for the
/// linear model, path attribution for trees. <see cref="Probability"/> is the calibrated probability of <see cref="RawScore"/>.
/// </remarks>
/// <param name="Probability">Calibrated probability of converting.</param>
/// <param name="RawScore">The model's uncalibrated output in log-odds.</param>
/// <param name="Score">Probability as 0–100.</param>
/// <param name="Grade">A–D from the artifact's cut-offs.</param>
/// <param name="ModelVersion">Version of the model that scored.</param>
/// <param name="BaseValue">Raw score of an average training lead.</param>
/// <param name="Reasons">Up to 5 positive (largest first) then up to 5 negative (most negative first) contributions.</param>
/// <param name="OtherContribution">Sum of the contributions not listed in <paramref name="Reasons"/>.</param>
public sealed record ModelScore(
    double Probability,
    double RawScore,
    int Score,
    string Grade,
    string ModelVersion,
    double BaseValue,
    IReadOnlyList<ScoreContribution> Reasons,
    double OtherContribution);
