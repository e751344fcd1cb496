namespace LeadIntake.Learning.Features;

/// <summary>The contract between training and scoring: ordered feature columns, missing markers and excluded columns.</summary>
/// <remarks>Travels inside the artifact. Scoring input must carry every column in <see cref="Columns"/> by name.</remarks>
/// <param name="Columns">Feature columns in model order.</param>
/// <param name="MissingMarkers">Cell values read as missing (compared trimmed and case-insensitively); always includes "", NA, N/A, null.</param>
/// <param name="Excluded">Columns of the training history that are not features, with reasons.</param>
public sealed record FeatureSchema(IReadOnlyList<FeatureColumn> Columns, IReadOnlyList<string> MissingMarkers, IReadOnlyList<ExcludedColumn> Excluded)
{
    /// <summary>Markers every schema treats as missing.</summary>
    public static IReadOnlyList<string> DefaultMissingMarkers { get; } = ["", "NA", "N/A", "null"];

    /// <summary>Feature names in model order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Names => Columns.Select(c => c.Name).ToArray();
}
