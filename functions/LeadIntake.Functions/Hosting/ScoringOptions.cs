namespace LeadIntake.Functions.Hosting;

/// <summary>Scoring settings, bound from the <c>"ScoringOptions"</c> section.</summary>
public sealed class ScoringOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ScoringOptions";

    /// <summary>Path of a points-model JSON file; when empty, the built-in default points model is used.</summary>
    /// <remarks>A relative path is resolved against the app's content root.</remarks>
    public string? PointsModelPath { get; set; }

    /// <summary>Whether a trained model published to blob storage replaces the points model. Default true.</summary>
    public bool UsePublishedModel { get; set; } = true;

    /// <summary>How often the published-model pointer is checked for a new model. Default 30 s.</summary>
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
