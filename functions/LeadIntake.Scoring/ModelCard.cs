using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadIntake.Scoring;

/// <summary>What a reviewer reads next to <c>model.zip</c>: schema, candidates, choice, holdout metrics, scale, grades, thresholds.</summary>
/// <remarks>
/// <c>model-card.json</c>, camelCase, fields in declaration order. Format history (keep it next to the constant):
/// 1 — single-file <c>model.json</c> of the hand-written trainer (2026-11; no longer read);
/// 2 — ML.NET <c>model.zip</c> + this card (2026-12).
/// Readers refuse a format version they do not know.
/// </remarks>
public sealed record ModelCard
{
    /// <summary>The format this code writes and the only one it reads.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Format of this document.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Version stamped on every score: model kind, creation time, data fingerprint.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>When the model was trained (<c>SOURCE_DATE_EPOCH</c> when set).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Version of the ML.NET assembly that trained and saved <c>model.zip</c>.</summary>
    public required string MlNetVersion { get; init; }

    /// <summary>The chosen candidate's family: <c>lightgbm</c> or <c>logistic-regression</c>.</summary>
    public required string ModelKind { get; init; }

    /// <summary>Outcome column of the history.</summary>
    public required string Label { get; init; }

    /// <summary>Label value read as converted.</summary>
    public required string PositiveLabel { get; init; }

    /// <summary>The feature contract: columns, kinds, levels, missing markers, excluded columns and why.</summary>
    public required FeatureSchema Features { get; init; }

    /// <summary>Every candidate with its cross-validated AUCs, in grid order.</summary>
    public required IReadOnlyList<CandidateSummary> Candidates { get; init; }

    /// <summary>Name of the chosen candidate.</summary>
    public required string Chosen { get; init; }

    /// <summary>The choice rule, in words.</summary>
    public required string ChoiceRule { get; init; }

    /// <summary>How the holdout was taken: method and rows.</summary>
    public required HoldoutSplit HoldoutSplit { get; init; }

    /// <summary>Metrics on the holdout rows (never seen by any choice), or <see langword="null"/> when trained without a holdout.</summary>
    public EvaluationMetrics? Holdout { get; init; }

    /// <summary>Out-of-fold metrics on the training rows (calibrated probabilities): for comparison, never called holdout.</summary>
    public required EvaluationMetrics CrossValidated { get; init; }

    /// <summary>Maps a probability to the 0–100 score.</summary>
    public required ScoreScale Scale { get; init; }

    /// <summary>Grade cut-offs on the score.</summary>
    public required GradeCutoffs Grades { get; init; }

    /// <summary>Recommended MQL/SQL cut-offs and what they deliver.</summary>
    public required ThresholdRecommendation Thresholds { get; init; }

    /// <summary>Hash, rows and positives of the history the model was trained on.</summary>
    public required TrainingDataFingerprint TrainingData { get; init; }

    /// <summary>
    /// Hash, rows and positives of the holdout rows (same hashing as <see cref="TrainingData"/>), or <see langword="null"/> without a
    /// holdout: the publish gate checks it before scoring those rows with the current model.
    /// </summary>
    public TrainingDataFingerprint? HoldoutData { get; init; }

    /// <summary>Reads a card from JSON.</summary>
    /// <exception cref="InvalidDataException">Not a card, an unknown format version, or fields missing.</exception>
    public static ModelCard Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("formatVersion", out var version) || !version.TryGetInt32(out var number))
                    throw new InvalidDataException("Not a model card: no integer 'formatVersion' field.");
                if (number != CurrentFormatVersion)
                    throw new InvalidDataException(
                        $"Model card formatVersion {number} is not supported: this build reads formatVersion {CurrentFormatVersion} only.");
            }

            return JsonSerializer.Deserialize(json, ModelCardJsonContext.Default.ModelCard) ?? throw new InvalidDataException("The model card is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The model card is not valid: {e.Message}", e);
        }
    }

    /// <summary>Reads the card at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Read(string)"/>.</exception>
    public static ModelCard ReadFile(string path) => Read(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>The card as indented JSON with <c>\n</c> line ends; identical for identical models.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelCardJsonContext.Default.ModelCard);
}

/// <summary>Source-generated JSON metadata for the card and <c>metrics.json</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NewLine = "\n",
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(EvaluationMetrics))]
public sealed partial class ModelCardJsonContext : JsonSerializerContext;
