namespace LeadIntake.Learning.Features;

/// <summary>One model input: a named raw column, how it is read, and (for categories) the levels the model knows.</summary>
/// <remarks>
/// Encoded value: numbers as themselves, categories as their index in <see cref="Levels"/> (index <c>Levels.Count</c> is
/// "other": rare or unseen values), and NaN for missing. No derived columns, so any export with the same column names scores.
/// </remarks>
/// <param name="Name">Raw column name.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Levels">Kept categorical levels, most frequent first; empty for numeric columns.</param>
public sealed record FeatureColumn(string Name, FeatureKind Kind, IReadOnlyList<string> Levels)
{
    /// <summary>Index used for rare and unseen categories.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int OtherLevel => Levels.Count;

    /// <summary>Human-readable form of an encoded value (<see langword="null"/> for missing).</summary>
    public string? Describe(double encoded)
    {
        if (double.IsNaN(encoded))
            return null;
        if (Kind == FeatureKind.Numeric)
            return encoded.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var level = (int)encoded;
        return level < Levels.Count ? Levels[level] : "(other)";
    }
}
