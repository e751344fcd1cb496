using System.Text;
using System.Text.Json;
using LeadIntake.Learning.Artifacts;
using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Features;
using LeadIntake.Learning.Linear;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning;

/// <summary>A trained, calibrated lead-scoring model as one reviewable, versioned JSON document.</summary>
/// <remarks>
/// JSON fields, in order: <c>formatVersion, modelKind, modelVersion, createdAt, label, positiveLabel, schema, linear | trees,
/// calibration, grades, thresholds, metrics, trainingData, options</c>. Exactly one of <c>linear</c>/<c>trees</c> is set,
/// matching <c>modelKind</c>. Bytes are deterministic: no clock reads, round-trip number formatting, fixed field order.
/// </remarks>
public sealed record ModelArtifact
{
    /// <summary>The format this code writes and the only one it reads.</summary>
    /// <remarks>Format history: 1 — first release (2026-11): linear or histogram-GBDT, Platt calibration, grades, thresholds.</remarks>
    public const int CurrentFormatVersion = 1;

    /// <summary>Format of this document; readers refuse versions they do not know.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>A <see cref="Learning.ModelKind"/> value.</summary>
    public required string ModelKind { get; init; }

    /// <summary>Version stamped on every score (derived from the creation time and data fingerprint).</summary>
    public required string ModelVersion { get; init; }

    /// <summary>When the model was trained (from the options or the injected clock).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Outcome column the model predicts.</summary>
    public required string Label { get; init; }

    /// <summary>Label value that counted as converted.</summary>
    public required string PositiveLabel { get; init; }

    /// <summary>Feature contract: names, kinds, levels, missing markers, excluded columns and why.</summary>
    public required FeatureSchema Schema { get; init; }

    /// <summary>Parameters when <see cref="ModelKind"/> is logistic regression.</summary>
    public LogisticRegressionModel? Linear { get; init; }

    /// <summary>Parameters when <see cref="ModelKind"/> is gradient-boosted trees.</summary>
    public GradientBoostedTreesModel? Trees { get; init; }

    /// <summary>Maps raw scores to probabilities.</summary>
    public required PlattCalibrator Calibration { get; init; }

    /// <summary>Grade cut-offs on the 0–100 score.</summary>
    public required GradeCutoffs Grades { get; init; }

    /// <summary>Recommended MQL/SQL thresholds at training time.</summary>
    public required ThresholdRecommendation Thresholds { get; init; }

    /// <summary>Out-of-fold metrics from training (the publish gate compares <c>Metrics.Auc</c>).</summary>
    public required EvaluationMetrics Metrics { get; init; }

    /// <summary>Hash, rows and positives of the training history.</summary>
    public required TrainingDataFingerprint TrainingData { get; init; }

    /// <summary>The options the model was trained with.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>Reads an artifact from JSON text.</summary>
    /// <exception cref="InvalidDataException">Not an artifact, an unknown <c>formatVersion</c>, or invalid parameters.</exception>
    public static ModelArtifact Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        int version;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("formatVersion", out var versionElement) ||
                !versionElement.TryGetInt32(out version))
                throw new InvalidDataException("Not a lead model artifact: no integer 'formatVersion' field.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a lead model artifact: invalid JSON ({e.Message}).", e);
        }

        if (version != CurrentFormatVersion)
            throw new InvalidDataException(
                $"Model artifact formatVersion {version} is not supported: this build reads formatVersion {CurrentFormatVersion} only.");

        ModelArtifact? artifact;
        try
        {
            artifact = JsonSerializer.Deserialize(json, ArtifactJsonContext.Default.ModelArtifact);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"Model artifact is malformed: {e.Message}", e);
        }

        return (artifact ?? throw new InvalidDataException("Model artifact is empty.")).Validated();
    }

    /// <summary>Reads an artifact from a UTF-8 stream.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Read(string)"/>.</exception>
    public static async Task<ModelArtifact> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Read(await reader.ReadToEndAsync(cancellationToken));
    }

    /// <summary>The artifact as indented JSON with <c>\n</c> line ends; identical for identical models.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ArtifactJsonContext.Default.ModelArtifact);

    /// <summary>Writes <see cref="ToJson"/> as UTF-8 (no BOM).</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var bytes = new UTF8Encoding(false).GetBytes(ToJson());
        await stream.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>A scorer for this model (cheap to keep; thread-safe).</summary>
    public ModelScorer CreateScorer() => new(this);

    private ModelArtifact Validated()
    {
        var kindMatches = ModelKind switch
        {
            Learning.ModelKind.LogisticRegression => Linear is not null && Trees is null && Linear.Terms.Count == Schema.Columns.Count,
            Learning.ModelKind.GradientBoostedTrees => Trees is not null && Linear is null,
            _ => false,
        };
        if (!kindMatches)
            throw new InvalidDataException($"Model artifact modelKind '{ModelKind}' does not match its parameters.");
        if (Schema.Columns.Any(c => c.Kind == FeatureKind.Categorical && c.Levels.Count > 62))
            throw new InvalidDataException("Model artifact has a categorical feature with more than 62 levels.");
        if (Trees is not null && Trees.Trees.Any(t => t.Feature.Any(f => f >= Schema.Columns.Count)))
            throw new InvalidDataException("Model artifact has a tree split on a feature outside the schema.");
        if (!double.IsFinite(Calibration.A) || !double.IsFinite(Calibration.B))
            throw new InvalidDataException("Model artifact calibration is not finite.");
        return this;
    }
}
