namespace LeadIntake.Learning.Linear;

/// <summary>The logistic model's weights for one raw column.</summary>
/// <remarks>
/// Numeric: contribution = <c>Weight · (x − Mean) / Scale</c>, or <c>MissingWeight</c> when x is missing.
/// Categorical: contribution = <c>LevelWeights[level]</c>, where index <c>Levels.Count</c> is "other" and the last index is missing.
/// <see cref="MeanContribution"/> is the training mean of the contribution, so reasons are relative to an average lead.
/// </remarks>
/// <param name="Feature">Raw column name.</param>
/// <param name="Weight">Weight of the standardised value (numeric only; 0 for categorical).</param>
/// <param name="Mean">Training mean used to centre the value (numeric only).</param>
/// <param name="Scale">Training standard deviation used to scale the value (numeric only; 1 if constant).</param>
/// <param name="MissingWeight">Contribution when the value is missing (numeric only).</param>
/// <param name="LevelWeights">Per level, then "other", then missing (categorical only; empty for numeric).</param>
/// <param name="MeanContribution">Mean contribution over the training rows.</param>
public sealed record LinearTerm(string Feature, double Weight, double Mean, double Scale, double MissingWeight, double[] LevelWeights, double MeanContribution)
{
    /// <summary>The uncentred contribution of an encoded value.</summary>
    public double Contribution(double encoded)
    {
        if (LevelWeights.Length > 0)
            return double.IsNaN(encoded) ? LevelWeights[^1] : LevelWeights[(int)encoded];
        return double.IsNaN(encoded) ? MissingWeight : Weight * (encoded - Mean) / Scale;
    }
}
